package io.kvstore.core.cmd.connection;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/**
 * QUIT: answers +OK and the transport closes the connection once that reply is written (extra
 * arguments are ignored, as in Redis 7.0). Closing the session drops its watches and
 * subscriptions, which also discards an open MULTI.
 */
public final class Quit implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    ctx.session().setCloseAfterReply();
    return Reply.OK;
  }
}
