package io.kvstore.it.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.it.replication.Repl.SyncStats;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real redis-server replica of a kvstore master: the initial full sync (RDB sent to a disk
 * file with a {@code $len} header, or streamed with {@code $EOF:} framing), the live command
 * stream in several databases, and a partial resync after the master closes the link.
 */
class ReplicationRedisReplicaIT {
  @RegisterExtension final Nodes nodes = new Nodes();

  @ParameterizedTest(name = "master repl-diskless-sync {0}")
  @ValueSource(strings = {"yes", "no"})
  void redisReplicaFollowsKvstoreMaster(String diskless) throws Exception {
    Node master = nodes.kvstore("kvstore-master", "--repl-diskless-sync", diskless);
    Node replica = nodes.redis("redis-replica");
    Datasets.load(master, 5000);
    SyncStats before = SyncStats.of(master);

    Repl.replicaOf(replica, master);
    Repl.awaitLinkUp(replica);
    Repl.awaitCaughtUp(master, replica);
    assertThat(SyncStats.of(master).full()).as("full syncs served").isEqualTo(before.full() + 1);
    Datasets.assertSame(master, replica);
    // redis-server logs which framing it read: "$EOF:<mark>" streaming, or "$<len>" bulk.
    assertThat(replica.log()).contains(diskless.equals("yes")
        ? "receiving streamed RDB from master with EOF"
        : "bytes from master to disk");

    Datasets.liveWrites(master, "live");
    Repl.awaitCaughtUp(master, replica);
    Datasets.assertSame(master, replica);
    assertThat(master.repl("connected_slaves")).isEqualTo("1");
    assertThat(master.repl("slave0")).contains("ip=127.0.0.1", "state=online");

    SyncStats linked = SyncStats.of(master);
    assertThat(Repl.killReplicaLinks(master)).as("CLIENT KILL TYPE replica").isEqualTo(1);
    Datasets.burst(master, "down", 2000);
    Datasets.liveWrites(master, "down2");
    Repl.awaitPartialOk(master, linked.partialOk() + 1);
    Repl.awaitCaughtUp(master, replica);
    Datasets.assertSame(master, replica);
    SyncStats after = SyncStats.of(master);
    assertThat(after.full()).as("no new full sync").isEqualTo(linked.full());
    assertThat(after.partialErr()).as("sync_partial_err").isEqualTo(linked.partialErr());
    assertThat(replica.repl("master_replid")).isEqualTo(master.repl("master_replid"));
    assertThat(replica.log()).contains("Master accepted a Partial Resynchronization");
  }
}
