package io.kvstore.core.cmd.tx;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.Reply;

/** DISCARD: drops the queue and, like Redis's discardTransaction, every WATCH. */
public final class Discard implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    if (!ctx.session().inMulti()) return Reply.error(Errors.DISCARD_WITHOUT_MULTI);
    ctx.session().endMulti();
    ctx.node().watches().unwatchAll(ctx.session());
    return Reply.OK;
  }
}
