package io.kvstore.core.cmd.string;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/** GET key. */
public final class Get implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    return Reply.bulk(ctx.db().readString(args.get(1)));
  }
}
