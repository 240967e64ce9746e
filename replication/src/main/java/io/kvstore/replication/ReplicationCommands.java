package io.kvstore.replication;

import static io.kvstore.core.command.CommandFlag.ADMIN;
import static io.kvstore.core.command.CommandFlag.ALLOW_BUSY;
import static io.kvstore.core.command.CommandFlag.FAST;
import static io.kvstore.core.command.CommandFlag.LOADING;
import static io.kvstore.core.command.CommandFlag.NOSCRIPT;
import static io.kvstore.core.command.CommandFlag.NO_MULTI;
import static io.kvstore.core.command.CommandFlag.STALE;

import io.kvstore.core.command.Command;
import io.kvstore.core.command.CommandFlag;
import io.kvstore.core.command.CommandSpec;
import io.kvstore.core.command.CommandTable;

/** The replication commands' rows of the command table (arity, flags, docs as Redis 7.0). */
final class ReplicationCommands {
  private ReplicationCommands() {}

  static void register(CommandTable t, Replication r) {
    t.register(row("replconf", -1, new ReplconfCommand(r),
        "An internal command for configuring the replication stream", "3.0.0", "server",
        ADMIN, NOSCRIPT, LOADING, STALE, ALLOW_BUSY));
    t.register(row("psync", -3, new PsyncCommand(r), "Internal command used for replication",
        "2.8.0", "server", ADMIN, NO_MULTI, NOSCRIPT));
    t.register(row("sync", 1, new SyncCommand(r), "Internal command used for replication",
        "1.0.0", "server", ADMIN, NO_MULTI, NOSCRIPT));
    ReplicaofCommand replicaof = new ReplicaofCommand(r);
    String summary = "Make the server a replica of another instance, or promote it as master.";
    t.register(row("replicaof", 3, replicaof, summary, "5.0.0", "server", ADMIN, NOSCRIPT, STALE));
    t.register(row("slaveof", 3, replicaof, summary, "1.0.0", "server", ADMIN, NOSCRIPT, STALE));
    t.register(row("role", 1, new RoleCommand(r),
        "Return the role of the instance in the context of replication", "2.8.12", "server",
        NOSCRIPT, LOADING, STALE, FAST));
    t.register(row("wait", 3, new WaitCommand(r),
        "Wait for the synchronous replication of all the write commands sent in the context of "
            + "the current connection", "3.0.0", "generic", NOSCRIPT));
  }

  private static CommandSpec row(String name, int arity, Command impl, String summary, String since,
      String group, CommandFlag... flags) {
    return CommandSpec.builder(name, arity, impl).flags(flags).group(group).summary(summary)
        .since(since).build();
  }
}
