package io.kvstore.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;

/**
 * Acknowledged writes survive SIGKILL of the server process, per appendfsync mode, and data
 * survives a clean restart. One writer sends 32 KB values, so the store's journal has applied
 * several batches to the database in the background before the kill and holds the rest. (A process kill leaves the OS page cache intact, so even
 * {@code everysec} and {@code no} keep acknowledged writes here; only {@code always} also
 * survives a machine crash, which a single-machine test cannot produce.)
 */
class DurabilityIT {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"always", "everysec", "no"})
  void acknowledgedWritesSurviveKill9(String appendfsync) throws Exception {
    Path data = dir.resolve(appendfsync);
    ConcurrentLinkedQueue<String> acked = new ConcurrentLinkedQueue<>();
    AtomicLong ackedIncrs = new AtomicLong();
    AtomicLong sentIncrs = new AtomicLong();
    ConcurrentLinkedQueue<String> ackedBig = new ConcurrentLinkedQueue<>();
    String big = "x".repeat(32 * 1024);
    try (KvstoreProcess server = new KvstoreProcess(data, "--appendfsync", appendfsync).start()) {
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        final int id = w;
        Thread t = new Thread(() -> {
          try (Jedis j = new Jedis("127.0.0.1", server.port())) {
            for (int i = 0; !stop.get(); i++) {
              String key = "w" + id + ":" + i;
              j.set(key, "value-" + i);
              acked.add(key);
              sentIncrs.incrementAndGet();
              j.incr("counter");
              ackedIncrs.incrementAndGet();
            }
          } catch (RuntimeException connectionDied) {
            // expected once the server is killed
          }
        });
        t.start();
        writers.add(t);
      }
      Thread bigWriter = new Thread(() -> {
        try (Jedis j = new Jedis("127.0.0.1", server.port())) {
          for (int i = 0; !stop.get(); i++) {
            j.set("big:" + i, i + big);
            ackedBig.add("big:" + i);
          }
        } catch (RuntimeException connectionDied) {
          // expected once the server is killed
        }
      });
      bigWriter.start();
      writers.add(bigWriter);
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
          .until(() -> acked.size() >= 2000 && ackedBig.size() >= 600); // ~19 MB of values
      server.kill9();
      stop.set(true);
      for (Thread t : writers) t.join(10_000);
    }
    assertThat(acked).hasSizeGreaterThanOrEqualTo(2000);
    try (KvstoreProcess restarted = new KvstoreProcess(data).start();
        Jedis j = new Jedis("127.0.0.1", restarted.port())) {
      List<String> missing = new ArrayList<>();
      for (String key : acked) {
        if (j.get(key) == null) missing.add(key);
      }
      for (String key : ackedBig) {
        String v = j.get(key);
        if (v == null || !v.equals(key.substring(4) + big)) missing.add(key);
      }
      assertThat(missing).as("acknowledged writes lost after kill -9").isEmpty();
      long counter = Long.parseLong(j.get("counter"));
      assertThat(counter).isBetween(ackedIncrs.get(), sentIncrs.get());
      assertThat(j.dbSize()).isGreaterThanOrEqualTo(acked.size() + ackedBig.size() + 1L);
    }
  }

  @Test
  void cleanRestartKeepsDataAndTtls() throws Exception {
    Path data = dir.resolve("clean");
    try (KvstoreProcess server = new KvstoreProcess(data).start()) {
      try (Jedis j = new Jedis("127.0.0.1", server.port())) {
        j.set("plain", "1");
        j.setex("ttl", 1000, "2");
        j.select(5);
        j.set("in5", "3");
        try {
          j.shutdown();
        } catch (redis.clients.jedis.exceptions.JedisConnectionException closedByShutdown) {
          // SHUTDOWN closes the connection without a reply, as Redis does
        }
      }
      assertThat(server.waitForExit(java.time.Duration.ofSeconds(30))).isZero();
    }
    try (KvstoreProcess server = new KvstoreProcess(data).start();
        Jedis j = new Jedis("127.0.0.1", server.port())) {
      assertThat(j.get("plain")).isEqualTo("1");
      assertThat(j.ttl("ttl")).isBetween(990L, 1000L);
      j.select(5);
      assertThat(j.get("in5")).isEqualTo("3");
    }
  }
}
