package io.kvstore.core.cmd.server;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/** LASTSAVE: unix time of the last successful save (the node's start time before any). */
public final class LastSave implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    return Reply.integer(ctx.node().lastSaveSeconds());
  }
}
