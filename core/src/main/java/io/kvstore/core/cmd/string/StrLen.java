package io.kvstore.core.cmd.string;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/** STRLEN key: the value's length in bytes, 0 for a missing key. */
public final class StrLen implements Command {
  @Override
  public Reply execute(Ctx ctx, Args a) {
    byte[] v = ctx.db().readString(a.get(1));
    return Reply.integer(v == null ? 0 : v.length);
  }
}
