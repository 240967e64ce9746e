package io.kvstore.core.cmd.keys;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/** SELECT index: switches the session's database (non-integer, out-of-int and out-of-range errors as Redis). */
public final class Select implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    int db = KeyArgs.dbArg(ctx, args, 1);
    ctx.session().select(db);
    return Reply.OK;
  }
}
