package io.kvstore.core.cmd.server;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/** CLIENT INFO: the caller's own CLIENT LIST line. */
public final class ClientInfo implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    return new Reply.Verbatim("txt", ClientLines.line(ctx, ctx.session(), args, "client|info") + "\n");
  }
}
