package io.kvstore.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Apply determinism, restart replay, snapshots, membership and expiry. */
class RaftStateTest {
  @TempDir
  Path dir;

  @Test
  void everyNodeReachesTheSameStateWhateverItsClock() {
    try (TestCluster cluster = TestCluster.start(dir, 3, Map.of())) {
      Member leader = cluster.leader();
      Member follower = cluster.followers(leader).get(0);
      follower.clock.shift(3_600_000); // an hour ahead: apply uses the leader's timestamp
      TestClient a = follower.client();
      TestClient b = leader.client();
      a.call("SET", "ttl", "v", "EX", "100");
      a.call("MSET", "m1", "1", "m2", "2");
      b.call("INCRBYFLOAT", "f", "1.5");
      b.call("EXPIRE", "m1", "50");
      a.call("APPEND", "m2", "x");
      a.call("SELECT", "1");
      a.call("SET", "db1", "v", "PX", "100000");
      a.call("SWAPDB", "0", "2");
      b.call("SET", "after-swap", "v");
      b.call("DEL", "nothing");
      cluster.awaitConverged();
      for (int db = 0; db < 3; db++) {
        Map<String, String> expected = leader.dump(db);
        for (Member m : cluster.members) assertThat(m.dump(db)).as(m.id + " db " + db).isEqualTo(expected);
      }
      assertThat(leader.dump(2)).containsKeys("ttl", "m1", "m2", "f");
    }
  }

  @Test
  void aRestartedNodeSkipsTheEntriesItsStoreAlreadyHas() {
    try (TestCluster cluster = TestCluster.start(dir, 3, Map.of())) {
      Member leader = cluster.leader();
      Member follower = cluster.followers(leader).get(0);
      TestClient c = leader.client();
      for (int i = 0; i < 40; i++) c.call("INCR", "n");
      cluster.awaitConverged();
      long applied = follower.appliedIndex();
      follower.stop();
      c.call("INCR", "n"); // one entry the stopped node misses
      follower.start();
      cluster.awaitConverged();
      assertThat(follower.raft.stateMachine().skippedEntries.get()).isGreaterThan(0);
      assertThat(follower.raft.stateMachine().appliedEntries.get()).isEqualTo(1);
      assertThat(follower.appliedIndex()).isGreaterThan(applied);
      assertThat(follower.client().call("GET", "n")).isEqualTo("\"41\"");
    }
  }

  @Test
  void aFollowerBehindThePurgedLogIsSentASnapshot() {
    try (TestCluster cluster = TestCluster.start(dir, 3, Map.of("raft-snapshot-entries", "100"), p -> {
      RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf("8KB"));
      RaftServerConfigKeys.Log.setPreallocatedSize(p, SizeInBytes.valueOf("8KB"));
    })) {
      Member leader = cluster.leader();
      Member lagging = cluster.followers(leader).get(0);
      lagging.stop();
      TestClient c = leader.client();
      for (int i = 0; i < 400; i++) c.call("SET", "key" + (i % 50), "value-" + i);
      c.call("SET", "gone", "x");
      c.call("DEL", "gone");
      await().atMost(Duration.ofSeconds(20)).until(() -> leader.raft.status().snapshotIndex() > 200);
      lagging.start();
      cluster.awaitConverged();
      assertThat(lagging.raft.stateMachine().snapshotsLoaded.get()).isEqualTo(1);
      assertThat(lagging.raft.stateMachine().appliedEntries.get()).isLessThan(200);
      assertThat(lagging.raft.status().snapshotIndex()).isGreaterThan(200);
      assertThat(lagging.dump(0)).isEqualTo(leader.dump(0)).hasSize(50);
      // and it goes on applying the log after the snapshot
      c.call("SET", "later", "1");
      assertThat(lagging.client().call("GET", "later")).isEqualTo("\"1\"");
      // a restart after the install keeps the data
      lagging.stop();
      lagging.start();
      cluster.awaitConverged();
      assertThat(lagging.dump(0)).isEqualTo(leader.dump(0));
    }
  }

  @Test
  void nodesJoinAndLeaveOnlineAndLeadershipMoves() {
    try (TestCluster cluster = TestCluster.start(dir, 3, Map.of())) {
      Member leader = cluster.leader();
      leader.client().call("SET", "before", "1");
      String address = "127.0.0.1:" + TestCluster.freePort();
      Member joining = new Member("n4", dir.resolve("n4"), Map.of("raft-join", "yes", "raft-peers", "n4=" + address));
      cluster.members.add(joining);
      joining.start();
      Member follower = cluster.followers(leader).get(0);
      assertThat(follower.client().call("RAFT", "ADD", "n4", address)).isEqualTo("OK");
      assertThat(follower.client().call("RAFT", "ADD", "n4", address)).contains("already a member");
      await().atMost(Duration.ofSeconds(20)).until(() -> joining.raft.isMember());
      assertThat(joining.client().call("GET", "before")).isEqualTo("\"1\"");
      assertThat(joining.client().call("INFO", "raft")).contains("raft_members:4");
      assertThat(leader.client().call("RAFT", "TRANSFER", "n4")).isEqualTo("OK");
      await().atMost(Duration.ofSeconds(20)).until(() -> joining.raft.isLeaderReady());
      assertThat(joining.client().call("RAFT", "REMOVE", leader.id)).isEqualTo("OK");
      await().atMost(Duration.ofSeconds(20)).until(() -> joining.raft.status().members().size() == 3);
      assertThat(follower.client().call("SET", "after", "2")).isEqualTo("OK");
      assertThat(joining.client().call("GET", "after")).isEqualTo("\"2\"");
      assertThat(joining.client().call("RAFT", "REMOVE", "nobody")).contains("is not a member");
    }
  }

  @Test
  void onlyTheLeaderExpiresKeysThroughTheLogAndReadsNeverDelete() {
    try (TestCluster cluster = TestCluster.start(dir, 3, Map.of())) {
      Member leader = cluster.leader();
      TestClient c = leader.client();
      assertThat(c.call("SET", "temp", "v", "EX", "60")).isEqualTo("OK");
      cluster.awaitConverged();
      for (Member f : cluster.followers(leader)) f.clock.shift(120_000);
      for (Member f : cluster.followers(leader)) {
        TestClient fc = f.client();
        assertThat(fc.call("GET", "temp")).isEqualTo("(nil)"); // expired by this node's clock
        assertThat(fc.call("EXISTS", "temp")).isEqualTo("0");
        assertThat(f.dump(0)).containsKey("temp"); // ...but only the leader deletes
      }
      assertThat(c.call("GET", "temp")).isEqualTo("\"v\"");
      leader.clock.shift(120_000);
      await().atMost(Duration.ofSeconds(20)).until(() ->
          cluster.members.stream().noneMatch(m -> m.dump(0).containsKey("temp")));
      assertThat(leader.client().call("INFO", "stats")).contains("expired_keys:1");
      for (Member f : cluster.followers(leader)) assertThat(f.client().call("INFO", "stats")).contains("expired_keys:1");
    }
  }
}
