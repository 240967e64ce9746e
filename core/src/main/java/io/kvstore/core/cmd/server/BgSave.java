package io.kvstore.core.cmd.server;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.Reply;

/** BGSAVE [SCHEDULE]: Redis's reply; the save itself runs in place (see {@link Saves}). */
public final class BgSave implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    if (args.size() > 1 && !(args.size() == 2 && args.is(1, "schedule"))) {
      return Reply.error(Errors.SYNTAX);
    }
    return Saves.save(ctx) ? Reply.simple("Background saving started") : Reply.error(Errors.GENERIC_ERR);
  }
}
