package io.kvstore.core.cmd.tx;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/** UNWATCH: forgets every watched key and a watch that already fired. Queued inside MULTI. */
public final class Unwatch implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    ctx.node().watches().unwatchAll(ctx.session());
    return Reply.OK;
  }
}
