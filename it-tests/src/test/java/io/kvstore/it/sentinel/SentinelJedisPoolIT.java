package io.kvstore.it.sentinel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisSentinelPool;

/**
 * Jedis's JedisSentinelPool, pointed at three kvstore sentinels, keeps a writer going through a
 * kill -9 of the master: it learns the new master from the sentinels (+switch-master on their
 * pub/sub, then SENTINEL GET-MASTER-ADDR-BY-NAME) and, once it switched, writes land on the new
 * master. Errors while the master is down are expected.
 */
class SentinelJedisPoolIT {
  @TempDir
  Path tmp;

  @BeforeAll
  static void jar() throws Exception {
    StableJar.install();
  }

  @AfterAll
  static void unjar() throws Exception {
    StableJar.uninstall();
  }

  @ParameterizedTest(name = "{0} data nodes")
  @ValueSource(strings = {"redis", "kvstore"})
  void writerFollowsTheFailover(String kind) throws Exception {
    boolean kv = kind.equals("kvstore");
    int sentinelPort = kv ? 26513 : 26510;
    try (Group g = Group.start(tmp, kv, 2, 16510)) {
      for (int i = 0; i < 3; i++) {
        g.addSentinel(SentinelNode.create("s" + i, true, sentinelPort + i, tmp.resolve("s" + i),
            g.nodes.get(0), 2, 1000, 6000));
      }
      g.awaitDiscovery();
      Set<String> sentinels = Set.of("127.0.0.1:" + sentinelPort, "127.0.0.1:" + (sentinelPort + 1),
          "127.0.0.1:" + (sentinelPort + 2));
      GenericObjectPoolConfig<Jedis> cfg = new GenericObjectPoolConfig<>();
      cfg.setMaxTotal(4);
      try (JedisSentinelPool pool = new JedisSentinelPool("mymaster", sentinels, cfg, 1000)) {
        assertThat(pool.getCurrentHostMaster()).isEqualTo(new HostAndPort("127.0.0.1", g.nodes.get(0).port()));
        AtomicLong ok = new AtomicLong();
        AtomicLong lastOk = new AtomicLong(-1);
        AtomicReference<String> lastWriteAddr = new AtomicReference<>();
        Thread writer = new Thread(() -> {
          for (long i = 0; !Thread.currentThread().isInterrupted(); i++) {
            String addr = pool.getCurrentHostMaster().toString();
            try (Jedis j = pool.getResource()) {
              j.set("last", Long.toString(i));
              lastOk.set(i);
              lastWriteAddr.set(addr);
              ok.incrementAndGet();
            } catch (RuntimeException expectedWhileTheMasterIsDown) {
              // the pool keeps retrying with fresh connections
            }
            try {
              Thread.sleep(5);
            } catch (InterruptedException e) {
              return;
            }
          }
        }, "writer");
        writer.start();
        try {
          await().atMost(Duration.ofSeconds(10)).until(() -> ok.get() > 50);
          DataNode old = g.nodes.get(0);
          old.kill9();
          await("the pool switches to the new master").atMost(Duration.ofSeconds(40))
              .pollInterval(Duration.ofMillis(100))
              .until(() -> pool.getCurrentHostMaster().getPort() != old.port());
          String newMaster = pool.getCurrentHostMaster().toString();
          long before = ok.get();
          await("writes succeed on " + newMaster).atMost(Duration.ofSeconds(20))
              .until(() -> ok.get() > before + 100 && newMaster.equals(lastWriteAddr.get()));
          assertThat(g.agreedMaster(g.sentinels)).isEqualTo(newMaster);
        } finally {
          writer.interrupt();
          writer.join(10_000);
        }
        DataNode promoted = g.node(pool.getCurrentHostMaster().toString());
        try (Jedis j = promoted.jedis()) {
          assertThat(j.get("last")).isEqualTo(Long.toString(lastOk.get()));
        }
      }
    }
  }
}
