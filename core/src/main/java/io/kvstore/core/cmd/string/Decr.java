package io.kvstore.core.cmd.string;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/** DECR key: subtracts 1 (see Counter). */
public final class Decr implements Command {
  @Override
  public Reply execute(Ctx ctx, Args a) {
    return Counter.incrBy(ctx, a, -1);
  }
}
