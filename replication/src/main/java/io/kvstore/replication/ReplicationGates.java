package io.kvstore.replication;

import io.kvstore.core.command.CommandFlag;
import io.kvstore.core.command.CommandSpec;
import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.engine.CommandGate;
import io.kvstore.core.reply.Errors;

/**
 * The replication checks of Redis's processCommand, in its order, read from command flags:
 * NOREPLICAS (a master's write without enough good replicas under min-replicas-to-write),
 * READONLY (a write on a read-only replica) and MASTERDOWN (a command without the stale flag
 * while the link is down and replica-serve-stale-data is no). The master's own stream passes
 * all of them. EXEC re-checks its queued commands through the same gates.
 */
final class ReplicationGates implements CommandGate {
  private final Replication r;

  ReplicationGates(Replication r) {
    this.r = r;
  }

  @Override
  public String check(ClientSession s, CommandSpec spec, byte[][] argv) {
    if (s.kind() == ClientSession.Kind.MASTER) return null;
    boolean write = spec.has(CommandFlag.WRITE);
    if (!r.isReplica()) {
      return write && r.notEnoughReplicas() ? Errors.NOREPLICAS : null;
    }
    if (write && r.node().config().getBool("replica-read-only")) return Errors.READONLY_REPLICA;
    if (!r.linkConnected() && !spec.has(CommandFlag.STALE)
        && !r.node().config().getBool("replica-serve-stale-data")) {
      return Errors.MASTERDOWN;
    }
    return null;
  }
}
