package io.kvstore.sentinel.cmd;

import static io.kvstore.core.command.CommandFlag.ADMIN;
import static io.kvstore.core.command.CommandFlag.FAST;
import static io.kvstore.core.command.CommandFlag.LOADING;
import static io.kvstore.core.command.CommandFlag.NOSCRIPT;
import static io.kvstore.core.command.CommandFlag.NO_AUTH;
import static io.kvstore.core.command.CommandFlag.PUBSUB;
import static io.kvstore.core.command.CommandFlag.STALE;

import io.kvstore.core.cmd.CommandTables;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.CommandFlag;
import io.kvstore.core.command.CommandSpec;
import io.kvstore.core.command.CommandTable;

/**
 * The command table of a sentinel process, the same set of commands Redis 7.0 has in sentinel
 * mode (except ACL): AUTH, CLIENT, COMMAND, HELLO, INFO, PING, (P)(UN)SUBSCRIBE, PUBLISH, ROLE,
 * SENTINEL, SHUTDOWN. Arity and flags as {@code COMMAND INFO} shows them on redis-sentinel.
 */
public final class SentinelCommands {
  private static final String[] SHARED = {"auth", "client", "command", "ping", "subscribe",
      "unsubscribe", "psubscribe", "punsubscribe", "shutdown"};

  private SentinelCommands() {}

  public static CommandTable table(SentinelContext sc) {
    CommandTable standard = CommandTables.standard();
    CommandTable t = new CommandTable();
    for (String name : SHARED) t.register(standard.lookup(name));
    t.register(CommandSpec.builder("hello", -1, new SentinelHello())
        .flags(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, CommandFlag.ALLOW_BUSY).group("connection")
        .summary("Handshake with Redis").since("6.0.0").build());
    t.register(CommandSpec.builder("info", -1, new SentinelInfo(sc)).flags(LOADING, STALE)
        .group("server").summary("Get information and statistics about the server").since("1.0.0")
        .build());
    t.register(CommandSpec.builder("role", 1, new SentinelRole(sc))
        .flags(NOSCRIPT, LOADING, STALE, FAST).group("server")
        .summary("Return the role of the instance in the context of replication").since("2.8.12")
        .build());
    t.register(CommandSpec.builder("publish", 3, new SentinelPublish(sc))
        .flags(PUBSUB, LOADING, STALE, FAST).group("pubsub").summary("Post a message to a channel")
        .since("2.0.0").build());
    t.register(CommandSpec.builder("sentinel", -2, null).flags(ADMIN).group("sentinel")
        .summary("A container for Sentinel commands").since("2.8.4")
        .sub(sub("ckquorum", 3, new SentinelCkquorum(sc), "Check for a Sentinel quorum"))
        .sub(sub("config", -3, new SentinelConfigCmd(sc), "Configure Sentinel"))
        .sub(sub("debug", -2, new SentinelDebug(sc), "List or update the current configurable parameters"))
        .sub(sub("failover", 3, new SentinelFailover(sc), "Force a failover"))
        .sub(sub("flushconfig", 2, new SentinelFlushConfig(sc),
            "Rewrite configuration file"))
        .sub(sub("get-master-addr-by-name", 3, new SentinelGetMasterAddr(sc),
            "Get port and address of a master"))
        .sub(CommandSpec.builder("sentinel|help", 2, new SentinelHelp()).flags(LOADING, STALE)
            .group("sentinel").summary("Show helpful text about the different subcommands")
            .since("6.2.0").build())
        .sub(sub("info-cache", -3, new SentinelInfoCache(sc), "Get cached INFO from the instances in the deployment"))
        .sub(sub("is-master-down-by-addr", 6, new SentinelIsMasterDown(sc),
            "Check if a master is down"))
        .sub(sub("master", 3, new SentinelMaster(sc), "Shows the state of a master"))
        .sub(sub("masters", 2, new SentinelMasters(sc), "List the monitored masters"))
        .sub(sub("monitor", 6, new SentinelMonitor(sc), "Start monitoring"))
        .sub(sub("myid", 2, new SentinelMyid(sc), "Get the Sentinel instance ID"))
        .sub(sub("pending-scripts", 2, new SentinelPendingScripts(), "Get information about pending scripts"))
        .sub(sub("remove", 3, new SentinelRemove(sc), "Stop monitoring"))
        .sub(sub("replicas", 3, new SentinelReplicas(sc), "List the monitored replicas"))
        .sub(sub("reset", 3, new SentinelReset(sc), "Reset masters by name pattern"))
        .sub(sub("sentinels", 3, new SentinelSentinels(sc), "List the Sentinel instances"))
        .sub(sub("set", -5, new SentinelSet(sc), "Change the configuration of a monitored master"))
        .sub(sub("simulate-failure", -3, new SentinelSimulateFailure(sc), "Simulate failover scenarios"))
        .sub(sub("slaves", 3, new SentinelReplicas(sc), "List the monitored slaves"))
        .build());
    return t;
  }

  private static CommandSpec sub(String name, int arity, Command impl, String summary) {
    return CommandSpec.builder("sentinel|" + name, arity, impl).flags(ADMIN).group("sentinel")
        .summary(summary).since("2.8.4").build();
  }
}
