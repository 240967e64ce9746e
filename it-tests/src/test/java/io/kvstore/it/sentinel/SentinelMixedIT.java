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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Two kvstore sentinels and one real redis-sentinel watch the same group: they discover each
 * other through hello messages (both ways), follow manual SENTINEL FAILOVERs started on either
 * kind, and agree after a kill -9 of the master — one protocol, two implementations.
 */
class SentinelMixedIT {
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

  @Test
  void kvstoreAndRedisSentinelsAgree() throws Exception {
    try (Group g = Group.start(tmp, false, 2, 16515)) {
      SentinelNode k0 = g.addSentinel(SentinelNode.create("k0", true, 26515, tmp.resolve("k0"),
          g.nodes.get(0), 2, 1000, 6000));
      SentinelNode k1 = g.addSentinel(SentinelNode.create("k1", true, 26516, tmp.resolve("k1"),
          g.nodes.get(0), 2, 1000, 6000));
      SentinelNode r = g.addSentinel(SentinelNode.create("redis", false, 26517, tmp.resolve("r"),
          g.nodes.get(0), 2, 1000, 6000));
      g.awaitDiscovery();
      g.startWatching();
      // each side knows the other by its real id
      Set<String> ids = Set.of(myid(k0), myid(k1), myid(r));
      for (SentinelNode s : g.sentinels) {
        List<String> seen = new ArrayList<>();
        try (Jedis j = s.jedis()) {
          for (Map<String, String> m : j.sentinelSentinels("mymaster")) seen.add(m.get("runid"));
        }
        assertThat(seen).hasSize(2).allMatch(ids::contains).doesNotContain(myid(s));
      }

      // a manual failover on redis-sentinel, then one on a kvstore sentinel
      for (SentinelNode initiator : List.of(r, k0)) {
        String before = g.agreedMaster(g.sentinels);
        awaitAllReplicasFollow(g, g.node(before));
        assertThat(initiator.cli("sentinel", "failover", "mymaster").trim()).isEqualTo("OK");
        String after = awaitNewAgreedMaster(g, before);
        awaitAllReplicasFollow(g, g.node(after));
      }

      // and a crash
      String before = g.agreedMaster(g.sentinels);
      g.node(before).kill9();
      String after = awaitNewAgreedMaster(g, before);
      assertThat(g.node(after).isMaster()).isTrue();
      for (Map.Entry<Long, Set<String>> e : g.epochs().entrySet()) {
        assertThat(e.getValue()).as("epoch %d", e.getKey()).hasSize(1);
      }
    }
  }

  private static String myid(SentinelNode s) throws Exception {
    return s.cli("sentinel", "myid").trim();
  }

  private static String awaitNewAgreedMaster(Group g, String before) {
    String[] now = new String[1];
    await("a new master all sentinels agree on").atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(100)).until(() -> {
          now[0] = g.agreedMaster(g.sentinels);
          return now[0] != null && !now[0].equals(before) && g.node(now[0]).isMaster();
        });
    return now[0];
  }

  /** Every live node other than {@code master} replicates from it, and every sentinel lists it fresh. */
  private static void awaitAllReplicasFollow(Group g, DataNode master) {
    await("all replicas follow " + master).atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250)).until(() -> {
          for (DataNode n : g.nodes) {
            if (n != master && !n.replicatesFrom(master)) return false;
          }
          for (SentinelNode s : g.sentinels) {
            try (Jedis j = s.jedis()) {
              for (Map<String, String> rep : j.sentinelReplicas("mymaster")) {
                if (rep.get("flags").contains("s_down") || rep.get("flags").contains("disconnected")) {
                  return false;
                }
                if (!rep.get("master-link-status").equals("ok")) return false;
              }
            }
          }
          return true;
        });
  }
}
