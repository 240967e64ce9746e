package io.kvstore.core.cmd.keys;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.keyspace.Keyspace;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.StoredValue;

/** PERSIST key: removes the TTL; 1 (and a {@code PERSIST k} effect) only if there was one. */
public final class Persist implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    Keyspace db = ctx.db();
    byte[] key = args.get(1);
    StoredValue v = db.lookup(key);
    if (v == null || !v.hasExpiry()) return Reply.ZERO;
    db.put(key, v.withExpireAt(StoredValue.NO_EXPIRY));
    ctx.propagate(KeyArgs.argvAs("PERSIST", args));
    return Reply.ONE;
  }
}
