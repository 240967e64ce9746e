package io.kvstore.core.cmd.string;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/** SETEX key seconds value: SET with EX, propagated as {@code SET k v PXAT <abs ms>}. */
public final class SetEx implements Command {
  @Override
  public Reply execute(Ctx ctx, Args a) {
    long at = StringOptions.expireAt(ctx, a.get(2), true, true, "setex");
    return StringWrites.set(ctx, a, 0, a.get(1), a.get(3), at, Reply.OK, Reply.NULL);
  }
}
