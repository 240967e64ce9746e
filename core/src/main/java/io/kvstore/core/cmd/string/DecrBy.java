package io.kvstore.core.cmd.string;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.RedisException;
import io.kvstore.core.reply.Reply;

/**
 * DECRBY key decrement: adds the negated decrement; the most negative 64-bit decrement cannot be
 * negated and has its own error (see Counter).
 */
public final class DecrBy implements Command {
  @Override
  public Reply execute(Ctx ctx, Args a) {
    long decr = a.longArg(2);
    if (decr == Long.MIN_VALUE) throw new RedisException(Errors.DECREMENT_OVERFLOW);
    return Counter.incrBy(ctx, a, -decr);
  }
}
