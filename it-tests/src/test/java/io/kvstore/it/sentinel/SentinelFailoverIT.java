package io.kvstore.it.sentinel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;

/**
 * Three kvstore sentinels (quorum 2, down-after 1 s) over a master and two replicas: the master
 * is killed with SIGKILL, round after round. Each time a replica must be promoted, the other one
 * must follow it, and the killed master, restarted, must be turned into a replica of the new
 * one; the written data must be on the new master. Across all rounds no configuration epoch may
 * name two different masters.
 */
class SentinelFailoverIT {
  private static final int ROUNDS = 3;

  @TempDir
  Path tmp;

  @BeforeAll
  static void jar() throws Exception {
    StableJar.install();
  }

  @AfterAll
  static void unjar() throws Exception {
    StableJar.uninstall();
  }

  @ParameterizedTest(name = "{0} data nodes")
  @ValueSource(strings = {"redis", "kvstore"})
  void killedMastersAreReplacedRoundAfterRound(String kind) throws Exception {
    boolean kv = kind.equals("kvstore");
    int sentinelPort = kv ? 26503 : 26500;
    try (Group g = Group.start(tmp, kv, 2, 16500)) {
      try {
        for (int i = 0; i < 3; i++) {
          g.addSentinel(SentinelNode.create("s" + i, true, sentinelPort + i, tmp.resolve("s" + i),
              g.nodes.get(0), 2, 1000, 6000));
        }
        g.awaitDiscovery();
        g.startWatching();
        List<String> masters = new ArrayList<>();
        masters.add(g.nodes.get(0).addr());
        for (int round = 1; round <= ROUNDS; round++) {
          DataNode old = g.node(g.agreedMaster(g.sentinels));
          try (Jedis j = old.jedis()) {
            j.set("round", Integer.toString(round));
            // both replicas have it before the crash, so no acknowledged write is at stake here
            assertThat(j.waitReplicas(2, 5000)).isEqualTo(2);
          }
          old.kill9();
          String[] now = new String[1];
          await("round " + round + ": a new master agreed by all sentinels")
              .atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100)).until(() -> {
                String a = g.agreedMaster(g.sentinels);
                now[0] = a;
                return a != null && !a.equals(old.addr()) && g.node(a).isMaster();
              });
          DataNode promoted = g.node(now[0]);
          List<DataNode> others = new ArrayList<>(g.nodes);
          others.remove(promoted);
          others.remove(old);
          await("round " + round + ": the other replica follows " + promoted)
              .atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
              .until(() -> others.stream().allMatch(n -> n.replicatesFrom(promoted)));
          try (Jedis j = promoted.jedis()) {
            assertThat(j.get("round")).isEqualTo(Integer.toString(round));
          }
          old.start(null);
          await("round " + round + ": the old master " + old + " becomes a replica of " + promoted)
              .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
              .until(() -> old.replicatesFrom(promoted));
          masters.add(promoted.addr());
        }
        Map<Long, Set<String>> epochs = g.epochs();
        for (Map.Entry<Long, Set<String>> e : epochs.entrySet()) {
          assertThat(e.getValue()).as("masters seen in epoch %d (%s)", e.getKey(), epochs).hasSize(1);
        }
        assertThat(epochs.keySet()).as("one epoch per failover at least").hasSizeGreaterThanOrEqualTo(ROUNDS);
        assertThat(masters).hasSize(ROUNDS + 1);
      } catch (AssertionError | org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError(e.getMessage() + "\n" + g.state() + g.logs(), e);
      }
    }
  }
}
