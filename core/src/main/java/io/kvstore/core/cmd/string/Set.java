package io.kvstore.core.cmd.string;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.StoredValue;

/**
 * SET key value [NX | XX] [GET] [EX s | PX ms | EXAT s | PXAT ms | KEEPTTL]. Without KEEPTTL the
 * key's old TTL is dropped. An EXAT/PXAT in the past still stores the key, already expired (it
 * reads as missing and the next access deletes it), exactly as Redis 7.0 does.
 */
public final class Set implements Command {
  @Override
  public Reply execute(Ctx ctx, Args a) {
    StringOptions o = StringOptions.forSet(a);
    long expireAt = o.hasExpire() ? o.expireAt(ctx, a, "set") : StoredValue.NO_EXPIRY;
    return StringWrites.set(ctx, a, o.flags, a.get(1), a.get(2), expireAt, Reply.OK, Reply.NULL);
  }
}
