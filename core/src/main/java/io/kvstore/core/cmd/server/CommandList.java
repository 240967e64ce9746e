package io.kvstore.core.cmd.server;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.CommandSpec;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.util.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN pattern]: every command and
 * subcommand name ("config|get"); no command belongs to a module here.
 */
public final class CommandList implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    Predicate<CommandSpec> filter = spec -> true;
    for (int i = 2; i < args.size(); i++) {
      int more = args.size() - 1 - i;
      if (args.is(i, "filterby") && more == 2) {
        String arg = args.str(i + 2);
        if (args.is(i + 1, "module")) {
          filter = spec -> false;
        } else if (args.is(i + 1, "aclcat")) {
          String cat = arg.toLowerCase(Locale.ROOT);
          filter = spec -> CommandDescriber.categories(spec).contains(cat);
        } else if (args.is(i + 1, "pattern")) {
          filter = spec -> Glob.matches(arg, spec.name());
        } else {
          return Reply.error(Errors.SYNTAX);
        }
        i += 2;
      } else {
        return Reply.error(Errors.SYNTAX);
      }
    }
    List<Reply> out = new ArrayList<>();
    for (CommandSpec spec : ctx.node().commands().all()) {
      if (filter.test(spec)) out.add(Reply.bulk(spec.name()));
      for (CommandSpec sub : CommandDescriber.sortedSubs(spec)) {
        if (filter.test(sub)) out.add(Reply.bulk(sub.name()));
      }
    }
    return Reply.array(out);
  }
}
