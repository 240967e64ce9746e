package io.kvstore.core.cmd.server;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/** COMMAND COUNT: the number of top-level commands (subcommands not counted, as in Redis). */
public final class CommandCount implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    return Reply.integer(ctx.node().commands().size());
  }
}
