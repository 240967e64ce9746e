package io.kvstore.core.cmd.string;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/** MSET key value [key value ...]: plain SETs (TTLs dropped), propagated as sent. */
public final class MSet implements Command {
  @Override
  public Reply execute(Ctx ctx, Args a) {
    MultiSet.requirePairs(a);
    MultiSet.setAll(ctx, a);
    return Reply.OK;
  }
}
