package io.kvstore.core.cmd.server;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/** CONFIG RESETSTAT: zero the INFO stats counters and error statistics. */
public final class ConfigResetStat implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    ctx.node().stats().reset();
    return Reply.OK;
  }
}
