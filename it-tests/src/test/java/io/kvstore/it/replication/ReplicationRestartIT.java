package io.kvstore.it.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.it.replication.Repl.SyncStats;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * Restarts keep replication partial. A kvstore replica stores its replication id and offset in
 * the same atomic write as the data they describe, so even after kill -9 it restarts at a
 * consistent point and PSYNCs from there (redis-server manages this only after a clean SHUTDOWN,
 * which saves the RDB with them: that is what the test does when redis-server plays the
 * replica). A master restarted after SHUTDOWN keeps its old id as the second id, so its replicas
 * continue with partial resyncs as with Redis 7.0.
 */
class ReplicationRestartIT {
  @RegisterExtension final Nodes nodes = new Nodes();

  @Test
  void replicaKilledMidStreamResumesWithAPartialResync() throws Exception {
    // The writer runs flat out while the replica restarts: keep all of it in the backlog.
    Node master = nodes.kvstore("master", "--repl-backlog-size", "256mb");
    Node replica = nodes.kvstore("replica", "--appendfsync", "everysec", "--replicaof",
        "127.0.0.1", Integer.toString(master.port()));
    Datasets.load(master, 3000);
    Repl.awaitCaughtUp(master, replica);
    assertThat(SyncStats.of(master).full()).isEqualTo(1);

    // A writer keeps the stream busy while the replica dies: its data and offset must agree.
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong writes = new AtomicLong();
    Thread writer = new Thread(() -> {
      try (Jedis j = master.jedis()) {
        for (long i = 0; !stop.get(); i++) {
          j.incr("counter");
          j.set("seq:" + (i % 5000), Long.toString(i));
          writes.incrementAndGet();
        }
      }
    });
    writer.start();
    try {
      Repl.await("writes flowing").until(() -> writes.get() >= 2000);
      if (replica.isKvstore()) {
        replica.kill9();
      } else {
        replica.shutdown();
      }
      long atKill = writes.get();
      Repl.await("writes while the replica is down").until(() -> writes.get() >= atKill + 2000);
      replica.start();
      Repl.awaitPartialOk(master, 1);
      Repl.await("writes after the restart").until(() -> writes.get() >= atKill + 4000);
    } finally {
      stop.set(true);
      writer.join(30_000);
    }
    Datasets.liveWrites(master, "after");
    Repl.awaitCaughtUp(master, replica);
    Datasets.assertSame(master, replica);
    SyncStats s = SyncStats.of(master);
    assertThat(s.full()).as("sync_full").isEqualTo(1);
    try (Jedis r = replica.jedis()) {
      assertThat(Long.parseLong(r.get("counter"))).isEqualTo(writes.get());
    }
  }

  @Test
  void replicasContinueAfterTheirMasterRestarts() throws Exception {
    Node master = nodes.kvstore("master");
    Node r1 = nodes.kvstore("r1", "--replicaof", "127.0.0.1", Integer.toString(master.port()));
    Node r2 = nodes.kvstore("r2");
    Repl.replicaOf(r2, master);
    Datasets.load(master, 3000);
    Datasets.liveWrites(master, "before");
    Repl.awaitCaughtUp(master, r1, r2);
    String oldId = master.repl("master_replid");
    long oldOffset = Long.parseLong(master.repl("master_repl_offset"));

    // SHUTDOWN may still send to replicas (Redis 7.0 sends a GETACK and waits for their ACKs).
    master.shutdown();
    Repl.awaitLinkDown(r1);
    Repl.awaitLinkDown(r2);
    long finalOffset = Long.parseLong(r1.repl("slave_repl_offset"));
    assertThat(finalOffset).isGreaterThanOrEqualTo(oldOffset);
    assertThat(r2.repl("slave_repl_offset")).isEqualTo(Long.toString(finalOffset));
    master.start();
    assertThat(master.repl("role")).isEqualTo("master");
    assertThat(master.repl("master_replid2")).isEqualTo(oldId);
    assertThat(master.repl("second_repl_offset")).isEqualTo(Long.toString(finalOffset + 1));
    Datasets.burst(master, "restarted", 1000);
    Repl.awaitPartialOk(master, 2);
    Repl.awaitCaughtUp(master, r1, r2);
    assertThat(SyncStats.of(master).full()).as("sync_full after the restart").isZero();
    assertThat(r1.repl("master_replid")).isEqualTo(master.repl("master_replid"));
    Datasets.assertSame(master, r1);
    Datasets.assertSame(master, r2);

    Datasets.liveWrites(master, "after");
    Repl.awaitCaughtUp(master, r1, r2);
    Datasets.assertSame(master, r1);
    Datasets.assertSame(master, r2);
  }
}
