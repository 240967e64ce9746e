package io.kvstore.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;

/** A real Redis client library (Jedis) against a real kvstore process. */
class JedisIT {
  @TempDir static Path dir;
  static KvstoreProcess server;

  @BeforeAll
  static void start() throws Exception {
    server = new KvstoreProcess(dir.resolve("n1")).start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  Jedis jedis() {
    return new Jedis("127.0.0.1", server.port());
  }

  @BeforeEach
  void flush() {
    try (Jedis j = jedis()) {
      j.flushAll();
    }
  }

  @Test
  void stringsAndKeys() {
    try (Jedis j = jedis()) {
      assertThat(j.set("k", "v")).isEqualTo("OK");
      assertThat(j.get("k")).isEqualTo("v");
      assertThat(j.set("k", "w", SetParams.setParams().nx())).isNull();
      assertThat(j.setGet("k", "x")).isEqualTo("v");
      assertThat(j.append("k", "yz")).isEqualTo(3);
      assertThat(j.getrange("k", 1, 2)).isEqualTo("yz");
      assertThat(j.incr("n")).isEqualTo(1);
      assertThat(j.incrBy("n", 41)).isEqualTo(42);
      assertThat(j.incrByFloat("f", 1.5)).isEqualTo(1.5);
      assertThat(j.mset("a", "1", "b", "2")).isEqualTo("OK");
      assertThat(j.mget("a", "b", "nope")).containsExactly("1", "2", null);
      assertThat(j.exists("a", "b", "nope")).isEqualTo(2);
      assertThat(j.type("a")).isEqualTo("string");
      assertThat(j.expire("a", 100)).isEqualTo(1);
      assertThat(j.ttl("a")).isBetween(99L, 100L);
      assertThat(j.persist("a")).isEqualTo(1);
      assertThat(j.ttl("a")).isEqualTo(-1);
      assertThat(j.rename("a", "c")).isEqualTo("OK");
      assertThat(j.del("c", "b")).isEqualTo(2);
      assertThat(j.dbSize()).isEqualTo(3); // k, n, f
      assertThatThrownBy(() -> j.incr("k"))
          .isInstanceOf(JedisDataException.class)
          .hasMessage("ERR value is not an integer or out of range");
    }
  }

  @Test
  void binarySafeValues() {
    try (Jedis j = jedis()) {
      byte[] key = {0, 1, 2, (byte) 0xff, '\r', '\n'};
      byte[] value = new byte[100_000];
      for (int i = 0; i < value.length; i++) value[i] = (byte) i;
      j.set(key, value);
      assertThat(j.get(key)).isEqualTo(value);
      assertThat(j.strlen(key)).isEqualTo(value.length);
    }
  }

  @Test
  void selectIsolatesDatabases() {
    try (Jedis j = jedis()) {
      j.set("k", "db0");
      j.select(3);
      assertThat(j.get("k")).isNull();
      j.set("k", "db3");
      j.select(0);
      assertThat(j.get("k")).isEqualTo("db0");
      assertThat(j.swapDB(0, 3)).isEqualTo("OK");
      assertThat(j.get("k")).isEqualTo("db3");
    }
  }

  @Test
  void pipelineKeepsOrder() {
    try (Jedis j = jedis()) {
      Pipeline p = j.pipelined();
      List<Response<Long>> rs = new ArrayList<>();
      for (int i = 0; i < 1000; i++) rs.add(p.incr("counter"));
      p.sync();
      for (int i = 0; i < 1000; i++) assertThat(rs.get(i).get()).isEqualTo(i + 1);
    }
  }

  @Test
  void transactionsAndWatch() {
    try (Jedis j = jedis(); Jedis other = jedis()) {
      j.set("w", "1");
      j.watch("w");
      other.set("w", "2");
      Transaction t = j.multi();
      t.set("w", "3");
      assertThat(t.exec()).isNull();
      assertThat(j.get("w")).isEqualTo("2");

      Transaction t2 = j.multi();
      t2.incr("w");
      t2.incr("w");
      assertThat(t2.exec()).containsExactly(3L, 4L);
    }
  }

  @Test
  void scanVisitsEveryKey() {
    try (Jedis j = jedis()) {
      for (int i = 0; i < 500; i++) j.set("key:" + i, "v");
      j.set("other", "v");
      java.util.Set<String> seen = new java.util.HashSet<>();
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> r = j.scan(cursor, new ScanParams().match("key:*").count(50));
        seen.addAll(r.getResult());
        cursor = r.getCursor();
      } while (!cursor.equals("0"));
      assertThat(seen).hasSize(500).allMatch(k -> k.startsWith("key:"));
    }
  }

  @Test
  void pubSubDelivers() throws Exception {
    CountDownLatch subscribed = new CountDownLatch(1);
    CountDownLatch got = new CountDownLatch(2);
    List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
    JedisPubSub listener = new JedisPubSub() {
      @Override
      public void onMessage(String channel, String message) {
        messages.add(channel + "=" + message);
        got.countDown();
      }

      @Override
      public void onPMessage(String pattern, String channel, String message) {
        messages.add(pattern + ":" + channel + "=" + message);
        got.countDown();
      }

      @Override
      public void onPSubscribe(String pattern, int count) {
        subscribed.countDown();
      }
    };
    Thread t = new Thread(() -> {
      try (Jedis sub = jedis()) {
        sub.subscribe(listener, "news");
      }
    });
    t.start();
    // subscribe to the pattern from inside the running subscription once it is up
    org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS).until(listener::isSubscribed);
    listener.psubscribe("n*");
    assertThat(subscribed.await(10, TimeUnit.SECONDS)).isTrue();
    try (Jedis pub = jedis()) {
      assertThat(pub.publish("news", "hello")).isEqualTo(2);
      assertThat(pub.pubsubNumSub("news")).isEqualTo(Map.of("news", 1L));
    }
    assertThat(got.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(messages).containsExactlyInAnyOrder("news=hello", "n*:news=hello");
    listener.unsubscribe();
    listener.punsubscribe();
    t.join(10_000);
  }

  @Test
  void serverCommands() {
    try (Jedis j = jedis()) {
      String info = j.info();
      assertThat(info).contains("redis_version:7.0.15", "run_id:", "tcp_port:" + server.port(),
          "# Keyspace");
      assertThat(j.configGet("appendfsync")).containsEntry("appendfsync", "everysec");
      assertThat(j.configSet("appendfsync", "always")).isEqualTo("OK");
      assertThat(j.configGet("appendfsync")).containsEntry("appendfsync", "always");
      j.clientSetname("itest");
      assertThat(j.clientGetname()).isEqualTo("itest");
      assertThat(j.clientList()).contains("name=itest");
      assertThat(j.time()).hasSize(2);
      assertThat(j.ping()).isEqualTo("PONG");
      assertThat(j.echo("hi")).isEqualTo("hi");
    }
  }

  @Test
  void resp3Hello() {
    try (Jedis j = new Jedis("127.0.0.1", server.port(),
        redis.clients.jedis.DefaultJedisClientConfig.builder()
            .protocol(redis.clients.jedis.RedisProtocol.RESP3).build())) {
      j.set("k", "v");
      assertThat(j.get("k")).isEqualTo("v");
      assertThat(j.incrByFloat("d", 2.5)).isEqualTo(2.5);
    }
  }
}
