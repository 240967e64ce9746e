package io.kvstore.core.cmd.tx;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.Reply;

/** MULTI: starts queueing; nesting is an error that does not abort the open transaction. */
public final class Multi implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    if (ctx.session().inMulti()) return Reply.error(Errors.MULTI_NESTED);
    ctx.session().beginMulti();
    return Reply.OK;
  }
}
