package io.kvstore.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counters incremented through every node while the leadership moves around: no acknowledged
 * increment is lost, none is applied twice, and each client sees its increments in order.
 */
class RaftLeaderChangeTest {
  @TempDir
  Path dir;

  @Test
  void acknowledgedWritesSurviveLeaderChangesExactlyOnce() throws Exception {
    try (TestCluster cluster = TestCluster.start(dir, 3, Map.of("raft-timeout", "10000"))) {
      cluster.leader();
      AtomicBoolean stop = new AtomicBoolean();
      ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<long[]>> clients = new ArrayList<>();
      for (Member m : cluster.members) {
        clients.add(pool.submit(() -> {
          TestClient c = m.client();
          long acked = 0;
          long unknown = 0;
          long last = 0;
          while (!stop.get()) {
            String r = c.call("INCR", "counter");
            if (r.matches("[0-9]+")) {
              long v = Long.parseLong(r);
              if (v <= last) unexpected.add(m.id + " saw " + v + " after " + last);
              last = v;
              acked++;
            } else if (r.startsWith("UNKNOWN")) {
              unknown++;
            } else if (!r.startsWith("CLUSTERDOWN")) {
              unexpected.add(m.id + ": " + r);
            }
          }
          return new long[] {acked, unknown};
        }));
      }
      for (int round = 0; round < 3; round++) {
        Member leader = cluster.leader();
        Member next = cluster.followers(leader).get(round % 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> leader.appliedIndex() > 0);
        Thread.sleep(300); // let increments flow under this leader
        assertThat(leader.client().call("RAFT", "TRANSFER", next.id)).isEqualTo("OK");
        await().atMost(Duration.ofSeconds(20)).until(() -> next.raft.isLeaderReady());
      }
      Thread.sleep(300);
      stop.set(true);
      long acked = 0;
      long unknown = 0;
      for (Future<long[]> f : clients) {
        long[] r = f.get();
        acked += r[0];
        unknown += r[1];
      }
      pool.shutdownNow();
      assertThat(unexpected).isEmpty();
      assertThat(acked).isGreaterThan(0);
      long value = Long.parseLong(cluster.leader().client().call("GET", "counter").replace("\"", ""));
      assertThat(value).isBetween(acked, acked + unknown);
      cluster.awaitConverged();
      for (Member m : cluster.members) assertThat(m.dump(0)).isEqualTo(cluster.leader().dump(0));
    }
  }

  @Test
  void acknowledgedWritesSurviveTheLeaderStoppingAndComingBack() throws Exception {
    try (TestCluster cluster = TestCluster.start(dir, 3, Map.of("raft-timeout", "10000"))) {
      Member leader = cluster.leader();
      List<Member> followers = cluster.followers(leader);
      AtomicBoolean stop = new AtomicBoolean();
      ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
      ExecutorService pool = Executors.newFixedThreadPool(2);
      List<Future<long[]>> clients = new ArrayList<>();
      for (Member m : followers) {
        clients.add(pool.submit(() -> {
          TestClient c = m.client();
          long acked = 0;
          long unknown = 0;
          long last = 0;
          while (!stop.get()) {
            String r = c.call("INCR", "counter");
            if (r.matches("[0-9]+")) {
              long v = Long.parseLong(r);
              if (v <= last) unexpected.add(m.id + " saw " + v + " after " + last);
              last = v;
              acked++;
            } else if (r.startsWith("UNKNOWN")) {
              unknown++;
            } else if (!r.startsWith("CLUSTERDOWN")) {
              unexpected.add(m.id + ": " + r);
            }
          }
          return new long[] {acked, unknown};
        }));
      }
      Thread.sleep(500);
      leader.stop();
      Member next = cluster.leader();
      Thread.sleep(500);
      leader.start();
      cluster.awaitConverged();
      Thread.sleep(300);
      stop.set(true);
      long acked = 0;
      long unknown = 0;
      for (Future<long[]> f : clients) {
        long[] r = f.get();
        acked += r[0];
        unknown += r[1];
      }
      pool.shutdownNow();
      assertThat(next).isNotSameAs(leader);
      assertThat(unexpected).isEmpty();
      long value = Long.parseLong(cluster.leader().client().call("GET", "counter").replace("\"", ""));
      assertThat(value).isBetween(acked, acked + unknown);
      cluster.awaitConverged();
      for (Member m : cluster.members) assertThat(m.dump(0)).isEqualTo(cluster.leader().dump(0));
    }
  }

  @Test
  void pipelinedWritesOfOneSessionApplyInOrderWhileTheLeadershipMoves() throws Exception {
    try (TestCluster cluster = TestCluster.start(dir, 3, Map.of("raft-timeout", "10000"))) {
      Member first = cluster.leader();
      AtomicBoolean stop = new AtomicBoolean();
      ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
      java.util.Set<Integer> acked = java.util.concurrent.ConcurrentHashMap.newKeySet();
      ExecutorService pool = Executors.newFixedThreadPool(3);
      List<Future<?>> writers = new ArrayList<>();
      for (Member m : cluster.members) {
        int base = writers.size() * 1_000_000;
        writers.add(pool.submit(() -> {
          TestClient c = m.client();
          int next = base;
          while (!stop.get()) {
            List<String[]> batch = new ArrayList<>();
            for (int i = 0; i < 20; i++) batch.add(new String[] {"APPEND", "seq-" + m.id, (++next) + ","});
            List<String> replies = c.pipeline(batch);
            for (int i = 0; i < replies.size(); i++) {
              String r = replies.get(i);
              if (r.matches("[0-9]+")) acked.add(next - 19 + i);
              else if (!r.startsWith("UNKNOWN") && !r.startsWith("CLUSTERDOWN")) unexpected.add(m.id + ": " + r);
            }
          }
          return null;
        }));
      }
      Member leader = first;
      for (int round = 0; round < 4; round++) {
        Member to = cluster.followers(leader).get(round % 2);
        Thread.sleep(300); // let writes flow under this leader
        assertThat(leader.client().call("RAFT", "TRANSFER", to.id)).isEqualTo("OK");
        await().atMost(Duration.ofSeconds(20)).until(() -> to.raft.isLeaderReady());
        leader = to;
      }
      Thread.sleep(300);
      stop.set(true);
      for (Future<?> f : writers) f.get();
      pool.shutdownNow();
      assertThat(unexpected).isEmpty();
      cluster.awaitConverged();
      for (Member m : cluster.members) {
        String value = cluster.leader().client().call("GET", "seq-" + m.id).replace("\"", "");
        List<Integer> applied = new ArrayList<>();
        for (String part : value.split(",")) if (!part.isEmpty()) applied.add(Integer.parseInt(part));
        // every write of the session applied once, in the order it was sent, none acknowledged lost
        for (int i = 1; i < applied.size(); i++) {
          assertThat(applied.get(i)).as("after %s in %s", applied.get(i - 1), m.id).isGreaterThan(applied.get(i - 1));
        }
        for (int a : acked) {
          if (a / 1_000_000 == cluster.members.indexOf(m)) assertThat(applied).contains(a);
        }
      }
      for (Member m : cluster.members) assertThat(m.dump(0)).isEqualTo(cluster.leader().dump(0));
    }
  }
}
