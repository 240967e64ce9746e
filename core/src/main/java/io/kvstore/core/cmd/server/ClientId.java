package io.kvstore.core.cmd.server;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/** CLIENT ID: the connection's unique, never reused id. */
public final class ClientId implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    return Reply.integer(ctx.session().id());
  }
}
