package io.kvstore.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A healthy three-node group: writes anywhere, linearizable reads on followers, transactions. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RaftBasicsTest {
  TestCluster cluster;

  @BeforeAll
  void start(@TempDir Path dir) {
    cluster = TestCluster.start(dir, 3, Map.of());
    cluster.leader();
  }

  @AfterAll
  void stop() {
    if (cluster != null) cluster.close();
  }

  @Test
  void writeOnLeaderIsReadLinearizablyOnEveryFollower() {
    Member leader = cluster.leader();
    assertThat(leader.client().call("SET", "k1", "v1")).isEqualTo("OK");
    for (Member f : cluster.followers(leader)) {
      // no waiting: the read's ReadIndex round makes the follower catch up first
      assertThat(f.client().call("GET", "k1")).isEqualTo("\"v1\"");
    }
  }

  @Test
  void writesOnAFollowerAreForwardedAndAnsweredByTheLeadersApply() {
    Member follower = cluster.followers(cluster.leader()).get(0);
    TestClient c = follower.client();
    assertThat(c.call("INCR", "counter")).isEqualTo("1");
    assertThat(c.call("INCRBY", "counter", "41")).isEqualTo("42");
    assertThat(c.call("SET", "counter", "x", "NX")).isEqualTo("(nil)");
    assertThat(c.call("LPUSH", "counter", "x")).startsWith("ERR unknown command");
    assertThat(c.call("APPEND", "counter", "!")).isEqualTo("3");
    assertThat(c.call("GET", "counter")).isEqualTo("\"42!\"");
    assertThat(cluster.leader().client().call("GET", "counter")).isEqualTo("\"42!\"");
  }

  @Test
  void pipelinedWritesAndReadsKeepTheirOrder() {
    TestClient c = cluster.followers(cluster.leader()).get(1).client();
    List<String> replies = c.pipeline(List.of(
        new String[] {"SET", "p", "0"}, new String[] {"INCR", "p"}, new String[] {"INCR", "p"},
        new String[] {"GET", "p"}, new String[] {"PING"}, new String[] {"INCR", "p"},
        new String[] {"GET", "p"}));
    assertThat(replies).containsExactly("OK", "1", "2", "\"2\"", "PONG", "3", "\"3\"");
  }

  @Test
  void transactionsRunAsOneEntryWithSelectCarriedToTheSession() {
    TestClient c = cluster.followers(cluster.leader()).get(0).client();
    assertThat(c.call("MULTI")).isEqualTo("OK");
    assertThat(c.call("SET", "t", "1")).isEqualTo("QUEUED");
    assertThat(c.call("SELECT", "2")).isEqualTo("QUEUED");
    assertThat(c.call("SET", "t", "2")).isEqualTo("QUEUED");
    assertThat(c.call("EXEC")).isEqualTo("[OK, OK, OK]");
    assertThat(c.call("GET", "t")).isEqualTo("\"2\"");
    assertThat(c.call("SELECT", "0")).isEqualTo("OK");
    assertThat(c.call("GET", "t")).isEqualTo("\"1\"");
  }

  @Test
  void watchAbortsWhenAnotherClientChangedTheKey() {
    Member leader = cluster.leader();
    Member follower = cluster.followers(leader).get(0);
    TestClient a = follower.client();
    a.call("SET", "w", "1");
    assertThat(a.call("WATCH", "w")).isEqualTo("OK");
    assertThat(a.call("GET", "w")).isEqualTo("\"1\"");
    assertThat(leader.client().call("SET", "w", "2")).isEqualTo("OK");
    a.call("MULTI");
    a.call("SET", "w", "3");
    assertThat(a.call("EXEC")).isEqualTo("(nil)");
    assertThat(a.call("GET", "w")).isEqualTo("\"2\"");
    // unchanged watched key: the transaction runs
    a.call("WATCH", "w");
    a.call("MULTI");
    a.call("INCR", "w");
    assertThat(a.call("EXEC")).isEqualTo("[3]");
  }

  @Test
  void readOnlyConnectionsReadLocallyAndStillWriteThroughTheLog() {
    Member follower = cluster.followers(cluster.leader()).get(0);
    TestClient c = follower.client();
    assertThat(c.call("READONLY")).isEqualTo("OK");
    assertThat(c.call("SET", "ro", "v")).isEqualTo("OK");
    assertThat(c.call("GET", "ro")).isEqualTo("\"v\""); // its own write was applied here before the reply
    assertThat(c.call("READWRITE")).isEqualTo("OK");
  }

  @Test
  void infoRoleAndRaftInfoShowTheRaftState() {
    Member leader = cluster.leader();
    Member follower = cluster.followers(leader).get(0);
    cluster.awaitConverged();
    String info = leader.client().call("INFO", "raft");
    assertThat(info).contains("# Raft", "raft_role:leader", "raft_leader_id:" + leader.id, "raft_members:3");
    assertThat(follower.client().call("INFO", "replication")).contains("role:slave", "raft_role:follower");
    assertThat(leader.client().call("ROLE")).startsWith("[\"master\", ");
    assertThat(follower.client().call("ROLE")).startsWith("[\"slave\", ");
    assertThat(follower.client().call("RAFT", "INFO")).contains("raft_role:follower", "raft_term:");
  }

  @Test
  void redirectModeNamesTheLeaderInsteadOfForwarding() {
    Member leader = cluster.leader();
    Member follower = cluster.followers(leader).get(0);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
        .until(() -> follower.raft.leaderRespAddress() != null);
    TestClient c = follower.client();
    assertThat(c.call("CONFIG", "SET", "raft-follower-writes", "redirect")).isEqualTo("OK");
    try {
      assertThat(c.call("SET", "r", "1")).isEqualTo("MOVED 0 " + follower.raft.leaderRespAddress());
      assertThat(leader.client().call("SET", "r", "2")).isEqualTo("OK");
    } finally {
      c.call("CONFIG", "SET", "raft-follower-writes", "forward");
    }
    assertThat(c.call("SET", "r", "3")).isEqualTo("OK");
  }

  @Test
  void waitCountsFollowersHoldingTheLastWrite() {
    TestClient c = cluster.leader().client();
    c.call("SET", "wait", "1");
    assertThat(c.call("WAIT", "2", "5000")).isEqualTo("2");
  }
}
