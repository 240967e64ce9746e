package io.kvstore.core.cmd.server;

import io.kvstore.core.command.Args;
import io.kvstore.core.reply.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Redis's addReplyHelp: a header naming the command as typed, the lines, then HELP itself. */
final class Help {
  private Help() {}

  static Reply reply(Args args, String... lines) {
    List<Reply> out = new ArrayList<>(lines.length + 3);
    out.add(Reply.simple(args.str(0).toUpperCase(Locale.ROOT)
        + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"));
    for (String l : lines) out.add(Reply.simple(l));
    out.add(Reply.simple("HELP"));
    out.add(Reply.simple("    Prints this help."));
    return Reply.array(out);
  }
}
