package io.kvstore.core.cmd.keys;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/** DBSIZE: stored keys in the selected database, expired-but-not-yet-deleted ones included (as Redis). */
public final class DbSize implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    return Reply.integer(ctx.db().size());
  }
}
