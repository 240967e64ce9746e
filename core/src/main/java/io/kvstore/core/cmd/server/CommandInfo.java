package io.kvstore.core.cmd.server;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.CommandSpec;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;
import java.util.ArrayList;
import java.util.List;

/**
 * COMMAND INFO [name ...]: one entry per name ("config|get" names a subcommand), null for an
 * unknown one; without names, every command.
 */
public final class CommandInfo implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    if (args.size() == 2) return new CommandAll().execute(ctx, args);
    List<Reply> out = new ArrayList<>(args.size() - 2);
    for (int i = 2; i < args.size(); i++) {
      CommandSpec spec = CommandDescriber.lookup(ctx.node().commands(), args.str(i));
      out.add(spec == null ? Reply.NULL : CommandDescriber.info(spec));
    }
    return Reply.array(out);
  }
}
