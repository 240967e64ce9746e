package io.kvstore.core.cmd.keys;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.StoredValue;

/**
 * TTL / PTTL / EXPIRETIME / PEXPIRETIME key: -2 when missing, -1 without expiry, else the
 * remaining (or absolute) time, never negative; seconds are rounded to nearest as Redis does.
 */
public final class Ttl implements Command {
  private final boolean millis;
  private final boolean absolute;

  public Ttl(boolean millis, boolean absolute) {
    this.millis = millis;
    this.absolute = absolute;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    StoredValue v = ctx.db().read(args.get(1));
    if (v == null) return Reply.integer(-2);
    if (!v.hasExpiry()) return Reply.integer(-1);
    long t = absolute ? v.expireAt() : v.expireAt() - ctx.now();
    if (t < 0) t = 0;
    return Reply.integer(millis ? t : (t + 500) / 1000);
  }
}
