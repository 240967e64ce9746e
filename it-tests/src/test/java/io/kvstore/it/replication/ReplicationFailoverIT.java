package io.kvstore.it.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.it.replication.Repl.SyncStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Manual failover among kvstore nodes, the PSYNC2 way: a promoted replica keeps its old master's
 * replication id as its second id, so the other replica and the demoted master (restarted as a
 * replica of it) continue with partial resyncs; nobody needs a full sync.
 */
class ReplicationFailoverIT {
  @RegisterExtension final Nodes nodes = new Nodes();

  @Test
  void promotedReplicaServesPartialResyncs() throws Exception {
    Node m = nodes.kvstore("m");
    Node r1 = nodes.kvstore("r1");
    Node r2 = nodes.kvstore("r2");
    Datasets.load(m, 3000);
    Repl.replicaOf(r1, m);
    Repl.replicaOf(r2, m);
    Repl.awaitCaughtUp(m, r1, r2);
    Datasets.liveWrites(m, "before");
    Repl.awaitCaughtUp(m, r1, r2);
    Datasets.assertSame(m, r1);
    Datasets.assertSame(m, r2);
    String oldId = m.repl("master_replid");
    long oldOffset = Long.parseLong(m.repl("master_repl_offset"));

    // SHUTDOWN may still send to replicas (Redis 7.0 sends a GETACK and waits for their ACKs).
    m.shutdown();
    Repl.awaitLinkDown(r1);
    Repl.awaitLinkDown(r2);
    long r1Offset = Long.parseLong(r1.repl("slave_repl_offset"));
    assertThat(r1Offset).as("r1 had everything the master produced").isGreaterThanOrEqualTo(oldOffset);
    assertThat(r2.repl("slave_repl_offset")).isEqualTo(Long.toString(r1Offset));
    Repl.promote(r1);
    assertThat(r1.repl("role")).isEqualTo("master");
    assertThat(r1.repl("master_replid")).isNotEqualTo(oldId);
    assertThat(r1.repl("master_replid2")).isEqualTo(oldId);
    assertThat(r1.repl("second_repl_offset")).isEqualTo(Long.toString(r1Offset + 1));
    SyncStats fresh = SyncStats.of(r1);
    assertThat(fresh.full()).isZero();
    assertThat(fresh.partialOk()).isZero();

    Repl.replicaOf(r2, r1);
    Repl.awaitPartialOk(r1, 1);
    Repl.awaitCaughtUp(r1, r2);
    assertThat(SyncStats.of(r1).full()).as("r1 sync_full").isZero();
    assertThat(r2.repl("master_replid")).isEqualTo(r1.repl("master_replid"));
    Datasets.assertSame(r1, r2);

    Datasets.liveWrites(r1, "after");
    Repl.awaitCaughtUp(r1, r2);
    Datasets.assertSame(r1, r2);

    // The old master comes back as a replica of the new one and continues where it stopped.
    Node demoted = nodes.kvstoreIn("m-demoted", m.dir(), "--replicaof", "127.0.0.1",
        Integer.toString(r1.port()));
    Repl.awaitPartialOk(r1, 2);
    Repl.awaitCaughtUp(r1, demoted, r2);
    assertThat(SyncStats.of(r1).full()).as("r1 sync_full").isZero();
    assertThat(demoted.repl("role")).isEqualTo("slave");
    Datasets.assertSame(r1, demoted);
    Datasets.assertSame(r1, r2);
    assertThat(r1.repl("connected_slaves")).isEqualTo("2");
  }
}
