package io.kvstore.server.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chained replicas and failover the PSYNC2 way (promotion keeps the old history as replid2). */
class TopologyTest {
  @TempDir Path dir;

  @Test
  void aChainedReplicaGetsTheSameStreamWithTheSameIdsAndOffsets() throws Exception {
    try (ReplNode m = new ReplNode(dir.resolve("m"));
         ReplNode r1 = new ReplNode(dir.resolve("r1"));
         ReplNode r2 = new ReplNode(dir.resolve("r2"))) {
      m.call("SET", "a", "1");
      r1.replicaOf(m);
      r1.awaitInSync(m);
      r2.replicaOf(r1);
      r2.awaitInSync(r1);
      for (int i = 0; i < 50; i++) m.call("SET", "k" + i, Integer.toString(i));
      m.call("MULTI");
      m.call("INCR", "n");
      m.call("INCR", "n");
      m.call("EXEC");
      r1.awaitInSync(m);
      r2.awaitInSync(m);
      for (ReplNode r : new ReplNode[] {r1, r2}) {
        assertThat(r.info("replication", "master_replid")).isEqualTo(m.info("replication", "master_replid"));
        assertThat(r.info("replication", "master_repl_offset"))
            .isEqualTo(m.info("replication", "master_repl_offset"));
        assertThat(r.text("GET", "k49")).isEqualTo("49");
        assertThat(r.text("GET", "n")).isEqualTo("2");
      }
      assertThat(r1.info("replication", "connected_slaves")).isEqualTo("1");
      assertThat(r2.text("SET", "x", "1")).startsWith("-READONLY");
    }
  }

  @Test
  void afterAPromotionTheOtherReplicaAndTheOldMasterContinuePartially() throws Exception {
    try (ReplNode m = new ReplNode(dir.resolve("m"));
         ReplNode r1 = new ReplNode(dir.resolve("r1"));
         ReplNode r2 = new ReplNode(dir.resolve("r2"))) {
      r1.replicaOf(m);
      r2.replicaOf(m);
      for (int i = 0; i < 20; i++) m.call("SET", "k" + i, "v");
      r1.awaitInSync(m);
      r2.awaitInSync(m);
      String oldId = m.info("replication", "master_replid");
      long oldOffset = Long.parseLong(m.info("replication", "master_repl_offset"));

      assertThat(r1.text("REPLICAOF", "NO", "ONE")).isEqualTo("OK");
      assertThat(r1.info("replication")).containsEntry("role", "master")
          .containsEntry("master_replid2", oldId)
          .containsEntry("second_repl_offset", Long.toString(oldOffset + 1));
      assertThat(r1.info("replication", "master_replid")).isNotEqualTo(oldId);
      assertThat(r1.log()).contains("Setting secondary replication ID to " + oldId
          + ", valid up to offset: " + (oldOffset + 1));
      r1.call("SET", "promoted", "1");

      r2.replicaOf(r1);
      r2.awaitInSync(r1);
      m.replicaOf(r1); // the old master demoted: it offers its own history
      m.awaitInSync(r1);
      assertThat(r1.info("stats", "sync_partial_ok")).isEqualTo("2");
      assertThat(r1.info("stats", "sync_full")).isEqualTo("0");
      assertThat(r2.text("GET", "promoted")).isEqualTo("1");
      assertThat(m.text("GET", "promoted")).isEqualTo("1");
      assertThat(m.log()).contains("Before turning into a replica, using my own master parameters")
          .contains("Master replication ID changed to " + r1.info("replication", "master_replid"));
      for (ReplNode r : new ReplNode[] {m, r2}) {
        assertThat(r.info("replication", "master_replid")).isEqualTo(r1.info("replication", "master_replid"));
        assertThat(r.info("replication", "master_replid2")).isEqualTo(oldId);
      }
    }
  }

  @Test
  void aReplicaOfAReplicaWhoseMasterChangesIsDisconnectedAndResyncs() throws Exception {
    try (ReplNode m = new ReplNode(dir.resolve("m"));
         ReplNode other = new ReplNode(dir.resolve("other"));
         ReplNode r1 = new ReplNode(dir.resolve("r1"));
         ReplNode r2 = new ReplNode(dir.resolve("r2"))) {
      m.call("SET", "from", "m");
      other.call("SET", "from", "other");
      r1.replicaOf(m);
      r1.awaitInSync(m);
      r2.replicaOf(r1);
      r2.awaitInSync(r1);
      r1.replicaOf(other); // an unrelated history: full sync, and r1's replica must follow it
      r1.awaitInSync(other);
      r2.awaitInSync(other);
      assertThat(r2.text("GET", "from")).isEqualTo("other");
      assertThat(r2.info("replication", "master_replid")).isEqualTo(other.info("replication", "master_replid"));
    }
  }
}
