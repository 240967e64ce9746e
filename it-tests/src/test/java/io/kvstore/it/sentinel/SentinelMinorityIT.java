package io.kvstore.it.sentinel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sentinel left alone (the two others frozen with SIGSTOP) must not fail over: with quorum 2
 * it cannot even reach ODOWN; with quorum 1 it reaches ODOWN and asks for votes, but without a
 * majority of the three known sentinels it is never elected and aborts. In both cases no replica
 * is promoted and clients are still told the old master.
 */
class SentinelMinorityIT {
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

  private Group group(int quorum) throws Exception {
    Group g = Group.start(tmp, false, 2, 16505);
    for (int i = 0; i < 3; i++) {
      g.addSentinel(SentinelNode.create("s" + i, true, 26506 + i, tmp.resolve("s" + i),
          g.nodes.get(0), quorum, 1000, 6000));
    }
    g.awaitDiscovery();
    return g;
  }

  @Test
  void quorumTwoWithOneSentinelAliveNeverReachesOdown() throws Exception {
    try (Group g = group(2); Events events = new Events(g.sentinels.get(0))) {
      SentinelNode alone = g.sentinels.get(0);
      String master = g.nodes.get(0).addr();
      g.sentinels.get(1).signal("STOP");
      g.sentinels.get(2).signal("STOP");
      g.nodes.get(0).kill9();
      await().atMost(Duration.ofSeconds(20)).until(() -> events.seen("+sdown")
          && events.of("+sdown").stream().anyMatch(e -> e.payload().startsWith("master ")));
      // the frozen sentinels are seen down too: no quorum can be formed
      await().atMost(Duration.ofSeconds(20))
          .until(() -> alone.cli("sentinel", "ckquorum", "mymaster").startsWith("NOQUORUM 1 usable"));
      // let the replicas' own clocks show that well over down-after + election timeout passed
      await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).until(() ->
          linkDownSeconds(g.nodes.get(1)) >= 12 && linkDownSeconds(g.nodes.get(2)) >= 12);
      assertThat(events.all()).extracting(Events.Event::type)
          .doesNotContain("+odown", "+try-failover", "+elected-leader", "+selected-slave");
      assertThat(alone.cli("info", "sentinel")).contains("status=sdown");
      assertThat(alone.masterAddr()).isEqualTo(master);
      assertThat(g.nodes.get(1).replication()).containsEntry("role", "slave");
      assertThat(g.nodes.get(2).replication()).containsEntry("role", "slave");
    }
  }

  @Test
  void quorumOneWithoutMajorityIsNeverElected() throws Exception {
    try (Group g = group(1); Events events = new Events(g.sentinels.get(0))) {
      SentinelNode alone = g.sentinels.get(0);
      String master = g.nodes.get(0).addr();
      g.sentinels.get(1).signal("STOP");
      g.sentinels.get(2).signal("STOP");
      g.nodes.get(0).kill9();
      await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
          .until(() -> events.seen("-failover-abort-not-elected"));
      assertThat(events.all()).extracting(Events.Event::type)
          .contains("+odown", "+try-failover")
          .doesNotContain("+elected-leader", "+selected-slave", "+promoted-slave", "+switch-master");
      assertThat(alone.masterAddr()).isEqualTo(master);
      assertThat(g.nodes.get(1).replication()).containsEntry("role", "slave");
      assertThat(g.nodes.get(2).replication()).containsEntry("role", "slave");
    }
  }

  private static long linkDownSeconds(DataNode n) {
    Map<String, String> r = n.replication();
    String v = r.get("master_link_down_since_seconds");
    return v == null ? -1 : Long.parseLong(v);
  }
}
