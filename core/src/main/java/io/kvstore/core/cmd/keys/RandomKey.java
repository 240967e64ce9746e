package io.kvstore.core.cmd.keys;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.keyspace.Keyspace;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.Store;
import io.kvstore.core.store.StoredValue;

/**
 * RANDOMKEY: a random live key, null when the database is empty.
 *
 * <p>As Redis's dbRandomKey: a picked key that is logically expired is, on a master, deleted
 * (propagating DEL) and another is picked, so the loop ends at the latest when the database is
 * empty. A replica cannot delete, so if every key has a TTL (they may all be expired) it gives up
 * after {@value #MAX_TRIES} tries and returns the last pick, expired or not.
 */
public final class RandomKey implements Command {
  static final int MAX_TRIES = 100;

  @Override
  public Reply execute(Ctx ctx, Args args) {
    Keyspace db = ctx.db();
    Store store = ctx.node().store();
    int index = db.index();
    boolean replica = !ctx.node().deletesExpiredKeys();
    boolean allVolatile = store.size(index) == store.expiresCount(index);
    int tries = MAX_TRIES;
    while (true) {
      byte[] key = store.randomKey(index, ctx.node().random());
      if (key == null) return Reply.NULL;
      StoredValue v = store.get(index, key);
      if (v == null || !v.hasExpiry()) return Reply.bulk(key);
      if (allVolatile && replica && --tries == 0) return Reply.bulk(key);
      if (!v.isExpiredAt(ctx.now())) return Reply.bulk(key);
      if (!replica) db.expire(key);
    }
  }
}
