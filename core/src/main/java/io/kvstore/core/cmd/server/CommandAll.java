package io.kvstore.core.cmd.server;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.CommandSpec;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;
import java.util.ArrayList;
import java.util.List;

/** COMMAND (no subcommand): COMMAND INFO of every command in the table. */
public final class CommandAll implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    List<Reply> out = new ArrayList<>();
    for (CommandSpec spec : ctx.node().commands().all()) out.add(CommandDescriber.info(spec));
    return Reply.array(out);
  }
}
