package io.kvstore.raft;

import static io.kvstore.core.command.CommandFlag.ADMIN;
import static io.kvstore.core.command.CommandFlag.FAST;
import static io.kvstore.core.command.CommandFlag.LOADING;
import static io.kvstore.core.command.CommandFlag.NOSCRIPT;
import static io.kvstore.core.command.CommandFlag.NO_MULTI;
import static io.kvstore.core.command.CommandFlag.STALE;

import io.kvstore.core.command.Command;
import io.kvstore.core.command.CommandFlag;
import io.kvstore.core.command.CommandSpec;
import io.kvstore.core.command.CommandTable;

/**
 * The raft mode's rows of the command table: RAFT (INFO, ADD, REMOVE, TRANSFER, SNAPSHOT),
 * READONLY/READWRITE (stale local reads per connection, as on a Redis Cluster replica), WAIT
 * and ROLE with raft meanings. A row another part of the server already registered is left
 * alone.
 */
final class RaftCommands {
  private RaftCommands() {}

  static void register(CommandTable t, RaftNode raft) {
    if (t.lookup("raft") == null) {
      t.register(CommandSpec.builder("raft", -2, null).group("server")
          .summary("A container for Raft membership and status commands").since("7.0.0")
          .sub(row("raft|info", 2, new RaftInfoCommand(raft), "Show this node's Raft state", STALE, LOADING))
          .sub(row("raft|add", 4, RaftAdmin.add(raft), "Add a node to the Raft group", ADMIN, NOSCRIPT, STALE, NO_MULTI))
          .sub(row("raft|remove", 3, RaftAdmin.remove(raft), "Remove a node from the Raft group",
              ADMIN, NOSCRIPT, STALE, NO_MULTI))
          .sub(row("raft|transfer", 3, RaftAdmin.transfer(raft), "Transfer the Raft leadership to a node",
              ADMIN, NOSCRIPT, STALE, NO_MULTI))
          .sub(row("raft|snapshot", 2, RaftAdmin.snapshot(raft), "Take a snapshot of this node's state",
              ADMIN, NOSCRIPT, STALE, NO_MULTI))
          .build());
    }
    registerIfAbsent(t, CommandSpec.builder("readonly", 1, new StaleReads(true)).group("cluster")
        .flags(FAST, LOADING, STALE).since("3.0.0")
        .summary("Enables read queries for a connection to a Redis Cluster replica node").build());
    registerIfAbsent(t, CommandSpec.builder("readwrite", 1, new StaleReads(false)).group("cluster")
        .flags(FAST, LOADING, STALE).since("3.0.0")
        .summary("Disables read queries for a connection to a Redis Cluster replica node").build());
    registerIfAbsent(t, CommandSpec.builder("wait", 3, new RaftWait(raft)).group("generic")
        .flags(NOSCRIPT).since("3.0.0")
        .summary("Wait for the synchronous replication of all the write commands sent in the context of the current connection")
        .build());
    registerIfAbsent(t, CommandSpec.builder("role", 1, new RaftRole(raft)).group("server")
        .flags(NOSCRIPT, LOADING, STALE, FAST).since("2.8.12")
        .summary("Return the role of the instance in the context of replication").build());
  }

  private static void registerIfAbsent(CommandTable t, CommandSpec spec) {
    if (t.lookup(spec.name()) == null) t.register(spec);
  }

  private static CommandSpec row(String name, int arity, Command impl, String summary, CommandFlag... flags) {
    return CommandSpec.builder(name, arity, impl).flags(flags).group("server").summary(summary)
        .since("7.0.0").build();
  }
}
