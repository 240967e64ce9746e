package io.kvstore.core.cmd.string;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/** INCRBY key increment: the increment is parsed before the key is read (see Counter). */
public final class IncrBy implements Command {
  @Override
  public Reply execute(Ctx ctx, Args a) {
    return Counter.incrBy(ctx, a, a.longArg(2));
  }
}
