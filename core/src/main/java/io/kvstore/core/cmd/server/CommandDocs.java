package io.kvstore.core.cmd.server;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.CommandSpec;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;
import java.util.ArrayList;
import java.util.List;

/**
 * COMMAND DOCS [name ...]: a map from command name to its documentation map (summary, since,
 * group, subcommands); unknown names are left out. redis-cli 7 calls it at startup to build its
 * command hints, so every entry carries the keys it expects.
 */
public final class CommandDocs implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    List<Reply> kv = new ArrayList<>();
    if (args.size() == 2) {
      for (CommandSpec spec : ctx.node().commands().all()) add(kv, spec);
    } else {
      for (int i = 2; i < args.size(); i++) {
        CommandSpec spec = CommandDescriber.lookup(ctx.node().commands(), args.str(i));
        if (spec != null) add(kv, spec);
      }
    }
    return new Reply.MapReply(kv);
  }

  private static void add(List<Reply> kv, CommandSpec spec) {
    kv.add(Reply.bulk(spec.name()));
    kv.add(CommandDescriber.docs(spec));
  }
}
