package io.kvstore.core.cmd.string;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.keyspace.Keyspace;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.StoredValue;

/**
 * GETEX key [EX s | PX ms | EXAT s | PXAT ms | PERSIST]: GET that may change the TTL.
 *
 * <p>As in Redis, a missing key answers nil before the expiry value is even validated. Never
 * propagated as itself: a new TTL becomes {@code PEXPIREAT k <abs ms>}, an EXAT/PXAT already
 * past deletes the key ({@code DEL k}), PERSIST becomes {@code PERSIST k} only if a TTL was
 * removed, and a plain GETEX changes nothing.
 */
public final class GetEx implements Command {
  @Override
  public Reply execute(Ctx ctx, Args a) {
    StringOptions o = StringOptions.forGetEx(a);
    byte[] key = a.get(1);
    Keyspace db = ctx.db();
    StoredValue v = db.read(key);
    if (v == null) return Reply.NULL;
    Keyspace.requireString(v);
    long at = o.hasExpire() ? o.expireAt(ctx, a, "getex") : StoredValue.NO_EXPIRY;
    boolean absolute = o.has(StringOptions.EXAT) || o.has(StringOptions.PXAT);
    if (absolute && StringWrites.alreadyExpired(ctx, at)) {
      db.delete(key);
      ctx.propagate(StringWrites.deleteWord(ctx, "lazyfree-lazy-expire"), key);
    } else if (o.hasExpire()) {
      db.put(key, v.withExpireAt(at));
      ctx.propagate(StringWrites.PEXPIREAT, key, Ctx.bytes(Long.toString(at)));
    } else if (o.has(StringOptions.PERSIST) && v.hasExpiry()) {
      db.put(key, v.withExpireAt(StoredValue.NO_EXPIRY));
      ctx.propagate(StringWrites.PERSIST, key);
    }
    return Reply.bulk(v.data());
  }
}
