package io.kvstore.core.cmd.pubsub;

import static io.kvstore.core.command.CommandFlag.FAST;
import static io.kvstore.core.command.CommandFlag.LOADING;
import static io.kvstore.core.command.CommandFlag.NOSCRIPT;
import static io.kvstore.core.command.CommandFlag.PUBSUB;
import static io.kvstore.core.command.CommandFlag.PUBSUB_CONTEXT;
import static io.kvstore.core.command.CommandFlag.STALE;

import io.kvstore.core.command.CommandSpec;
import io.kvstore.core.command.CommandTable;

/**
 * The pub/sub family's rows. The (un)subscribe commands carry PUBSUB_CONTEXT, the only ones
 * (with PING, QUIT, RESET) a RESP2 client may send while subscribed. PUBSUB is a container
 * whose subcommands are rows named {@code pubsub|<sub>}.
 */
public final class PubSubCommands {
  private PubSubCommands() {}

  public static void register(CommandTable t) {
    t.register(CommandSpec.builder("subscribe", -2, new Subscribe())
        .flags(PUBSUB, NOSCRIPT, LOADING, STALE, PUBSUB_CONTEXT).group("pubsub")
        .summary("Listen for messages published to the given channels").since("2.0.0").build());
    t.register(CommandSpec.builder("unsubscribe", -1, new Unsubscribe())
        .flags(PUBSUB, NOSCRIPT, LOADING, STALE, PUBSUB_CONTEXT).group("pubsub")
        .summary("Stop listening for messages posted to the given channels").since("2.0.0")
        .build());
    t.register(CommandSpec.builder("psubscribe", -2, new Psubscribe())
        .flags(PUBSUB, NOSCRIPT, LOADING, STALE, PUBSUB_CONTEXT).group("pubsub")
        .summary("Listen for messages published to channels matching the given patterns")
        .since("2.0.0").build());
    t.register(CommandSpec.builder("punsubscribe", -1, new Punsubscribe())
        .flags(PUBSUB, NOSCRIPT, LOADING, STALE, PUBSUB_CONTEXT).group("pubsub")
        .summary("Stop listening for messages posted to channels matching the given patterns")
        .since("2.0.0").build());
    t.register(CommandSpec.builder("publish", 3, new Publish())
        .flags(PUBSUB, LOADING, STALE, FAST).group("pubsub")
        .summary("Post a message to a channel").since("2.0.0").build());
    t.register(CommandSpec.builder("pubsub", -2, null).group("pubsub")
        .summary("A container for Pub/Sub commands").since("2.8.0")
        .sub(sub("channels", -2, new PubsubChannels(), "List active channels", "2.8.0"))
        .sub(sub("numpat", 2, new PubsubNumpat(),
            "Get the count of unique patterns pattern subscriptions", "2.8.0"))
        .sub(sub("numsub", -2, new PubsubNumsub(),
            "Get the count of subscribers for channels", "2.8.0"))
        .sub(sub("shardchannels", -2, new PubsubShard.Channels(), "List active shard channels",
            "7.0.0"))
        .sub(sub("shardnumsub", -2, new PubsubShard.Numsub(),
            "Get the count of subscribers for shard channels", "7.0.0"))
        .sub(CommandSpec.builder("pubsub|help", 2, new PubsubHelp()).flags(LOADING, STALE)
            .group("pubsub").summary("Show helpful text about the different subcommands")
            .since("6.2.0").build())
        .build());
  }

  private static CommandSpec sub(String name, int arity, io.kvstore.core.command.Command impl,
      String summary, String since) {
    return CommandSpec.builder("pubsub|" + name, arity, impl).flags(PUBSUB, LOADING, STALE)
        .group("pubsub").summary(summary).since(since).build();
  }
}
