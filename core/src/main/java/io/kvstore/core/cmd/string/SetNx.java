package io.kvstore.core.cmd.string;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.StoredValue;

/** SETNX key value: SET NX answering 1 when it wrote, 0 (and no effect) when the key exists. */
public final class SetNx implements Command {
  @Override
  public Reply execute(Ctx ctx, Args a) {
    return StringWrites.set(ctx, a, StringOptions.NX, a.get(1), a.get(2), StoredValue.NO_EXPIRY,
        Reply.ONE, Reply.ZERO);
  }
}
