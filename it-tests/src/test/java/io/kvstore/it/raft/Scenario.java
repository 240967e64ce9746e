package io.kvstore.it.raft;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The frame of every fault scenario: a three-member group under a {@link Workload}, then, once
 * the test has injected its fault and healed it, the final verification on the members the group
 * has then. Closing kills every process and stops the clients.
 */
final class Scenario implements AutoCloseable {
  /** Client threads: two per member of a three-member group. */
  static final int CLIENTS = 6;
  /** How long a write waits for the group before answering -UNKNOWN; its retries last twice that. */
  static final int RAFT_TIMEOUT_MS = 3000;
  /** Longer than a write can wait for the group (twice raft-timeout of retries), so a reply is rarely cut off. */
  static final int SOCKET_TIMEOUT_MS = 10_000;

  final Cluster cluster;
  private final long startedNs = System.nanoTime();
  private Workload load;
  private List<Member> voters = List.of();

  private Scenario(Cluster cluster) {
    this.cluster = cluster;
  }

  /** A cluster of 4 slots with {@code settings} (over raft-timeout {@value #RAFT_TIMEOUT_MS}); nothing started. */
  static Scenario prepare(Path dir, Map<String, String> settings) throws Exception {
    Map<String, String> all = new HashMap<>();
    all.put("raft-timeout", Integer.toString(RAFT_TIMEOUT_MS));
    all.putAll(settings);
    return new Scenario(new Cluster(dir, all));
  }

  /** Starts members 1..3 as the group and the clients on them; returns the group. */
  List<Member> startGroupUnderLoad() throws Exception {
    voters = cluster.startGroup(3);
    phase("group started");
    load = new Workload(CLIENTS, voters, SOCKET_TIMEOUT_MS).start();
    awaitAcks(startedNs, 60);
    phase("clients running");
    return voters;
  }

  Workload load() {
    return load;
  }

  List<Member> voters() {
    return voters;
  }

  /** Waits for {@code n} writes acknowledged after {@code sinceNs}; a timeout explains the cluster's state. */
  void awaitAcks(long sinceNs, int n) {
    cluster.explained(() -> load.awaitAcks(sinceNs, n));
  }

  /** Waits for {@code n} writes acknowledged through each of {@code each} after {@code sinceNs}. */
  void awaitAcksThrough(long sinceNs, int n, List<Member> each) {
    cluster.explained(() -> load.awaitAcksThrough(sinceNs, n, each));
  }

  /**
   * Keeps a fault in place until every write in flight when it began has run out of retries
   * (twice raft-timeout) and answered, so that what happens to a node's writes after such an
   * outcome is covered too.
   */
  void holdFaultPastRetries(long faultNs) {
    long until = faultNs + TimeUnit.MILLISECONDS.toNanos(2L * RAFT_TIMEOUT_MS + 1000);
    await("retries of the writes in flight at the fault to run out").atMost(Duration.ofSeconds(30))
        .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).until(() -> System.nanoTime() > until);
  }

  /** Prints how long the scenario has run, for the test's output. */
  void phase(String what) {
    System.out.printf("%6.1f s  %s%n", (System.nanoTime() - startedNs) / 1e9, what);
  }

  /** The members the final checks read from (after a membership change). */
  void setVoters(List<Member> members) {
    voters = List.copyOf(members);
  }

  static List<Member> without(List<Member> ms, Member out) {
    List<Member> rest = new ArrayList<>(ms);
    rest.remove(out);
    return rest;
  }

  /**
   * After healing: every member's clients get writes acknowledged again, then the clients stop,
   * the group converges and the history is judged with final reads from every voter.
   */
  void verifyAfterHeal(long healedNs) throws Exception {
    phase("healed");
    awaitAcksThrough(healedNs, 20, voters);
    phase("writes acknowledged through every member");
    load.stop();
    cluster.awaitConverged(voters);
    phase("clients stopped, group converged");
    Verifier v = new Verifier().requireAcknowledgedWrites(load.ops()).check(load.ops(), voters);
    phase("history checked");
    System.out.println(v.summary() + load.errorSummary());
    assertThat(v.problems()).withFailMessage(() -> "consistency problems:\n  " + String.join("\n  ", v.problems())
        + "\n" + v.summary() + load.errorSummary() + "\n" + cluster.logs()).isEmpty();
  }

  @Override
  public void close() throws Exception {
    try {
      if (load != null) load.close();
    } finally {
      cluster.close();
    }
  }
}
