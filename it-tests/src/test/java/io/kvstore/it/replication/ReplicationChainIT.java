package io.kvstore.it.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.it.replication.Repl.SyncStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A chain: kvstore master, kvstore replica, and a real redis-server replica of that replica.
 * The middle node forwards its master's stream unchanged (same id and offsets), keeps its own
 * replica through a partial resync with the master, and when promoted makes it PSYNC again
 * (Redis 7.0 disconnects replicas on promotion to announce the new id; they continue partially).
 */
class ReplicationChainIT {
  @RegisterExtension final Nodes nodes = new Nodes();

  @Test
  void subReplicaFollowsThroughAKvstoreReplica() throws Exception {
    Node master = nodes.kvstore("kvstore-master");
    Node middle = nodes.kvstore("kvstore-middle");
    Node leaf = nodes.redis("redis-leaf");
    Datasets.load(master, 3000);
    Repl.slaveOf(middle, master);
    Repl.awaitCaughtUp(master, middle);
    Repl.replicaOf(leaf, middle);
    Repl.awaitCaughtUp(master, middle);
    Repl.awaitCaughtUp(middle, leaf);
    Datasets.assertSame(master, leaf);
    assertThat(leaf.repl("master_replid")).isEqualTo(master.repl("master_replid"));

    Datasets.liveWrites(master, "live");
    Repl.awaitCaughtUp(master, middle);
    Repl.awaitCaughtUp(middle, leaf);
    Datasets.assertSame(master, leaf);
    assertThat(leaf.repl("slave_repl_offset")).isEqualTo(middle.repl("slave_repl_offset"));

    // The master drops the middle node, which resyncs partially and keeps its own replica.
    SyncStats middleServed = SyncStats.of(middle);
    assertThat(middleServed.full()).isEqualTo(1);
    assertThat(Repl.killReplicaLinks(master)).isEqualTo(1);
    Datasets.burst(master, "down", 1000);
    Repl.awaitPartialOk(master, 1);
    Repl.awaitCaughtUp(master, middle);
    Repl.awaitCaughtUp(middle, leaf);
    Datasets.assertSame(master, leaf);
    assertThat(SyncStats.of(middle)).as("the leaf did not resync").isEqualTo(middleServed);

    // The middle node is promoted: the leaf continues from it with a partial resync.
    Repl.promote(middle);
    Repl.awaitPartialOk(middle, 1);
    Repl.awaitCaughtUp(middle, leaf);
    assertThat(SyncStats.of(middle).full()).isEqualTo(1);
    assertThat(leaf.repl("master_replid")).isEqualTo(middle.repl("master_replid"));
    Datasets.liveWrites(middle, "promoted");
    Repl.awaitCaughtUp(middle, leaf);
    Datasets.assertSame(middle, leaf);
  }
}
