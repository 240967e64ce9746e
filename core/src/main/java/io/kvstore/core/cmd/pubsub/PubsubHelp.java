package io.kvstore.core.cmd.pubsub;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;
import java.util.ArrayList;
import java.util.List;

/** PUBSUB HELP: the subcommand summary as status lines, worded as Redis 7.0 words it. */
public final class PubsubHelp implements Command {
  private static final List<String> LINES = List.of(
      "PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
      "CHANNELS [<pattern>]",
      "    Return the currently active channels matching a <pattern> (default: '*').",
      "NUMPAT",
      "    Return number of subscriptions to patterns.",
      "NUMSUB [<channel> ...]",
      "    Return the number of subscribers for the specified channels, excluding",
      "    pattern subscriptions(default: no channels).",
      "SHARDCHANNELS [<pattern>]",
      "    Return the currently active shard level channels matching a <pattern> (default: '*').",
      "SHARDNUMSUB [<shardchannel> ...]",
      "    Return the number of subscribers for the specified shard level channel(s)",
      "HELP",
      "    Prints this help.");

  @Override
  public Reply execute(Ctx ctx, Args args) {
    List<Reply> out = new ArrayList<>(LINES.size());
    for (String l : LINES) out.add(Reply.simple(l));
    return Reply.array(out);
  }
}
