package io.kvstore.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Linearizable reads need the majority: a leader that can no longer reach it must not answer
 * one from its own state, even right after reads it did confirm; and a read on any member sees
 * every write acknowledged before it.
 */
class RaftReadTest {
  @TempDir
  Path dir;

  @Test
  void aLeaderCutOffFromTheMajorityDoesNotAnswerLinearizableReads() {
    try (TestCluster cluster = TestCluster.start(dir, 3, Map.of("raft-timeout", "1500"))) {
      Member leader = cluster.leader();
      TestClient c = leader.client();
      assertThat(c.call("SET", "k", "v1")).isEqualTo("OK");
      assertThat(c.call("GET", "k")).isEqualTo("\"v1\"");
      assertThat(c.call("GET", "k")).isEqualTo("\"v1\"");
      for (Member f : cluster.followers(leader)) f.stop();
      // the others may elect a leader and accept writes at any moment now: an answer here could
      // be stale, so the read must wait for the majority and fail
      String reply = c.call("GET", "k");
      assertThat(reply).matches("(CLUSTERDOWN|TRYAGAIN) .*");
    }
  }

  @Test
  void readsOnEveryMemberSeeTheWritesAcknowledgedBeforeThem() {
    try (TestCluster cluster = TestCluster.start(dir, 3, Map.of())) {
      Member leader = cluster.leader();
      TestClient writer = leader.client();
      for (int i = 1; i <= 20; i++) {
        assertThat(writer.call("SET", "n", Integer.toString(i))).isEqualTo("OK");
        for (Member m : cluster.members) {
          assertThat(m.client().call("GET", "n")).as("read on %s after write %d", m.id, i)
              .isEqualTo("\"" + i + "\"");
        }
      }
    }
  }
}
