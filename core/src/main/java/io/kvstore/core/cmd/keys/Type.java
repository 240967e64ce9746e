package io.kvstore.core.cmd.keys;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.StoredValue;

/** TYPE key: the value's type name as a status reply, {@code none} when missing. */
public final class Type implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    StoredValue v = ctx.db().read(args.get(1));
    return Reply.simple(v == null ? "none" : v.type().typeName());
  }
}
