package io.kvstore.it.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import redis.clients.jedis.Jedis;

/** Replication steps and waits shared by the tests: attach, link up, caught up, counters. */
final class Repl {
  /** An upper bound for any one wait: a JVM start plus a full sync on two shared cores. */
  static final Duration TIMEOUT = Duration.ofSeconds(90);

  private Repl() {}

  /** Awaitility with the common bound; connection errors while a node restarts are retried. */
  static ConditionFactory await(String what) {
    return Awaitility.await(what).atMost(TIMEOUT).pollInterval(Duration.ofMillis(50))
        .pollDelay(Duration.ZERO).ignoreExceptions();
  }

  /** REPLICAOF 127.0.0.1 master.port on the replica; Redis answers OK. */
  static void replicaOf(Node replica, Node master) {
    try (Jedis j = replica.jedis()) {
      assertThat(j.replicaof("127.0.0.1", master.port())).isEqualTo("OK");
    }
  }

  /** SLAVEOF 127.0.0.1 master.port, the older name of REPLICAOF. */
  static void slaveOf(Node replica, Node master) {
    try (Jedis j = replica.jedis()) {
      assertThat(j.slaveof("127.0.0.1", master.port())).isEqualTo("OK");
    }
  }

  /** REPLICAOF NO ONE. */
  static void promote(Node replica) {
    try (Jedis j = replica.jedis()) {
      assertThat(j.replicaofNoOne()).isEqualTo("OK");
    }
  }

  static void awaitLinkUp(Node replica) {
    await(replica + " master_link_status:up")
        .until(() -> "up".equals(replica.info("replication").get("master_link_status")));
  }

  static void awaitLinkDown(Node replica) {
    await(replica + " master_link_status:down")
        .until(() -> "down".equals(replica.info("replication").get("master_link_status")));
  }

  /**
   * Waits until each replica has applied everything the master had produced when called: its
   * link is up and its slave_repl_offset reached the master's master_repl_offset; and the master
   * lists it as online (after a full sync Redis waits for the replica's first ACK for that).
   */
  static void awaitCaughtUp(Node master, Node... replicas) {
    long target = Long.parseLong(master.repl("master_repl_offset"));
    for (Node r : replicas) {
      await(master + " lists " + r + " online").until(() -> master.info("replication").values()
          .stream().anyMatch(v -> v.contains(",port=" + r.port() + ",state=online,")));
      await(r + " reaches offset " + target + " of " + master).until(() -> {
        Map<String, String> info = r.info("replication");
        return "up".equals(info.get("master_link_status"))
            && Long.parseLong(info.get("slave_repl_offset")) >= target;
      });
    }
  }

  /** The master's INFO stats counters of interest, for before/after comparisons. */
  record SyncStats(long full, long partialOk, long partialErr) {
    static SyncStats of(Node master) {
      Map<String, String> s = master.info("stats");
      return new SyncStats(Long.parseLong(s.get("sync_full")),
          Long.parseLong(s.get("sync_partial_ok")), Long.parseLong(s.get("sync_partial_err")));
    }
  }

  /** Waits until the master counts {@code expected} accepted partial resyncs. */
  static void awaitPartialOk(Node master, long expected) {
    await(master + " sync_partial_ok = " + expected)
        .until(() -> master.stat("sync_partial_ok") >= expected);
    assertThat(master.stat("sync_partial_ok")).as(master + " sync_partial_ok").isEqualTo(expected);
  }

  /** CLIENT KILL TYPE replica on a master: the number of replica links it closed. */
  static long killReplicaLinks(Node master) {
    try (Jedis j = master.jedis()) {
      return (Long) j.sendCommand(redis.clients.jedis.Protocol.Command.CLIENT, "KILL", "TYPE",
          "replica");
    }
  }

  /** CLIENT KILL TYPE master on a replica: the number of master links it closed. */
  static long killMasterLink(Node replica) {
    try (Jedis j = replica.jedis()) {
      return (Long) j.sendCommand(redis.clients.jedis.Protocol.Command.CLIENT, "KILL", "TYPE",
          "master");
    }
  }
}
