package io.kvstore.core.cmd.server;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.Reply;

/** SAVE: make everything durable now; +OK, or a bare ERR when the store could not save. */
public final class Save implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    return Saves.save(ctx) ? Reply.OK : Reply.error(Errors.GENERIC_ERR);
  }
}
