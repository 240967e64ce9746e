package io.kvstore.core.cmd.string;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.keyspace.Keyspace;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.RedisException;
import io.kvstore.core.store.StoredValue;

/** What MSET and MSETNX share: the pair-count check (an arity error, as Redis reports it) and the writes. */
final class MultiSet {
  private MultiSet() {}

  static void requirePairs(Args a) {
    if (a.size() % 2 == 0) throw new RedisException(Errors.wrongArity(a.str(0).toLowerCase(java.util.Locale.ROOT)));
  }

  static void setAll(Ctx ctx, Args a) {
    Keyspace db = ctx.db();
    for (int j = 1; j < a.size(); j += 2) {
      db.put(a.get(j), StoredValue.string(a.get(j + 1), StoredValue.NO_EXPIRY));
    }
    ctx.propagate(a.raw());
  }
}
