package io.kvstore.it.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.it.replication.Repl.SyncStats;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A kvstore replica of a real redis-server master: full sync with the master streaming the RDB
 * ({@code repl-diskless-sync yes}: {@code $EOF:} framing, offered because the replica announces
 * {@code capa eof}) or sending a disk file ({@code $len} framing), the live stream, then partial
 * resyncs after the master closes the link and after the replica closes it.
 */
class ReplicationRedisMasterIT {
  @RegisterExtension final Nodes nodes = new Nodes();

  @ParameterizedTest(name = "master repl-diskless-sync {0}")
  @ValueSource(strings = {"yes", "no"})
  void kvstoreReplicaFollowsRedisMaster(String diskless) throws Exception {
    Node master = nodes.redis("redis-master", "--repl-diskless-sync", diskless);
    Node replica = nodes.kvstore("kvstore-replica");
    Datasets.load(master, 5000);

    Repl.replicaOf(replica, master);
    Repl.awaitLinkUp(replica);
    Repl.awaitCaughtUp(master, replica);
    assertThat(SyncStats.of(master).full()).as("full syncs served").isEqualTo(1);
    assertThat(master.log()).contains(diskless.equals("yes")
        ? "Starting BGSAVE for SYNC with target: replicas sockets"
        : "Starting BGSAVE for SYNC with target: disk");
    Datasets.assertSame(master, replica);
    // A first PSYNC may name an id the master never had (Redis replicas do): then counted here.
    long partialErr = SyncStats.of(master).partialErr();

    Datasets.liveWrites(master, "live");
    Repl.awaitCaughtUp(master, replica);
    Datasets.assertSame(master, replica);
    assertThat(master.repl("slave0")).contains("ip=127.0.0.1", "state=online");
    assertThat(replica.repl("master_replid")).isEqualTo(master.repl("master_replid"));

    // The master drops the link.
    assertThat(Repl.killReplicaLinks(master)).as("CLIENT KILL TYPE replica").isEqualTo(1);
    Datasets.burst(master, "down", 2000);
    Repl.awaitPartialOk(master, 1);
    Repl.awaitCaughtUp(master, replica);
    Datasets.assertSame(master, replica);

    // The replica drops the link.
    assertThat(Repl.killMasterLink(replica)).as("CLIENT KILL TYPE master").isEqualTo(1);
    Datasets.liveWrites(master, "down2");
    Repl.awaitPartialOk(master, 2);
    Repl.awaitCaughtUp(master, replica);
    Datasets.assertSame(master, replica);

    SyncStats after = SyncStats.of(master);
    assertThat(after.full()).as("no new full sync").isEqualTo(1);
    assertThat(after.partialErr()).as("sync_partial_err").isEqualTo(partialErr);
    assertThat(master.log()).contains("Partial resynchronization request from 127.0.0.1:")
        .doesNotContain("Partial resynchronization not accepted: Requested offset");
  }
}
