package io.kvstore.it.sentinel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The client-facing commands of a kvstore sentinel against a real redis-sentinel monitoring the
 * same master: the same replies (redis-cli's rendering) for errors and stable answers, the same
 * fields in SENTINEL MASTER and INFO, and hello messages accepted from the real one.
 */
class SentinelCommandsIT {
  @TempDir
  Path tmp;
  private Group g;
  private SentinelNode kv;
  private SentinelNode redis;

  @BeforeAll
  static void jar() throws Exception {
    StableJar.install();
  }

  @AfterAll
  static void unjar() throws Exception {
    StableJar.uninstall();
  }

  @BeforeEach
  void start() throws Exception {
    g = Group.start(tmp, false, 0, 16520);
    kv = g.addSentinel(SentinelNode.create("kv", true, 26520, tmp.resolve("kv"), g.nodes.get(0), 2,
        5000, 60000));
    redis = g.addSentinel(SentinelNode.create("redis", false, 26521, tmp.resolve("redis"),
        g.nodes.get(0), 2, 5000, 60000));
    g.awaitDiscovery();
  }

  @AfterEach
  void stop() throws Exception {
    g.close();
  }

  @Test
  void sameRepliesAsRedisSentinel() throws Exception {
    String[][] commands = {
        {"ping"},
        {"role"},
        {"sentinel"},
        {"sentinel", "foo"},
        {"sentinel", "masters", "x"},
        {"sentinel", "master", "nosuch"},
        {"sentinel", "replicas", "nosuch"},
        {"sentinel", "slaves", "nosuch"},
        {"sentinel", "sentinels", "nosuch"},
        {"sentinel", "failover", "nosuch"},
        {"sentinel", "ckquorum", "nosuch"},
        {"sentinel", "remove", "nosuch"},
        {"sentinel", "set", "nosuch", "quorum", "2"},
        {"sentinel", "get-master-addr-by-name", "nosuch"},
        {"sentinel", "get-master-addr-by-name", "mymaster"},
        {"sentinel", "failover", "mymaster"},
        {"sentinel", "ckquorum", "mymaster"},
        {"sentinel", "reset", "nomatch"},
        {"sentinel", "pending-scripts"},
        {"sentinel", "is-master-down-by-addr", "127.0.0.1", "abc", "0", "*"},
        {"sentinel", "is-master-down-by-addr", "127.0.0.1", "16520", "0", "*"},
        {"sentinel", "is-master-down-by-addr", "127.0.0.9", "16520", "0", "*"},
        {"sentinel", "monitor", "x", "127.0.0.1", "abc", "2"},
        {"sentinel", "monitor", "x", "127.0.0.1", "6379", "abc"},
        {"sentinel", "monitor", "x", "127.0.0.1", "6379", "0"},
        {"sentinel", "monitor", "x", "not-an-ip", "6379", "2"},
        {"sentinel", "monitor", "x", "127.0.0.1", "99999", "2"},
        {"sentinel", "monitor", "mymaster", "127.0.0.1", "6379", "2"},
        {"sentinel", "set", "mymaster", "foo", "bar"},
        {"sentinel", "set", "mymaster", "quorum", "0"},
        {"sentinel", "set", "mymaster", "down-after-milliseconds", "abc"},
        {"sentinel", "config", "get", "resolve-hostnames"},
        {"sentinel", "config", "get", "*"},
        {"sentinel", "config", "set", "foo", "bar"},
        {"sentinel", "config", "set", "announce-port", "abc"},
        {"sentinel", "config", "set", "resolve-hostnames", "maybe"},
        {"sentinel", "config", "foo"},
        {"sentinel", "debug", "info-period", "x"},
        {"sentinel", "debug", "nosuch", "1"},
        {"sentinel", "simulate-failure", "nope"},
        {"sentinel", "simulate-failure", "help"},
        {"sentinel", "info-cache", "nosuch"},
        {"publish", "foo", "bar"},
        {"get", "x"},
        {"auth", "x"},
        {"info", "memory"},
    };
    List<String> diffs = new ArrayList<>();
    for (String[] c : commands) {
      String expected = redis.cli(c);
      String actual = kv.cli(c);
      if (!expected.equals(actual)) {
        diffs.add(String.join(" ", c) + "\n  redis-sentinel: " + expected + "  kvstore:        " + actual);
      }
    }
    assertThat(diffs).as(String.join("\n", diffs)).isEmpty();
  }

  @Test
  void sameFieldsInInstanceDescriptionsAndInfo() throws Exception {
    try (Jedis a = redis.jedis(); Jedis b = kv.jedis()) {
      assertThat(b.sentinelMaster("mymaster").keySet())
          .containsExactlyElementsOf(a.sentinelMaster("mymaster").keySet());
      List<String> aKeys = new ArrayList<>(a.sentinelSentinels("mymaster").get(0).keySet());
      assertThat(b.sentinelSentinels("mymaster").get(0).keySet()).containsExactlyElementsOf(aKeys);
      assertThat(line(b.info("sentinel"), "master0")).isEqualTo(line(a.info("sentinel"), "master0"));
      assertThat(keys(b.info("sentinel"))).isEqualTo(keys(a.info("sentinel")));
      assertThat(b.info()).contains("# Server", "redis_mode:sentinel", "# Clients", "# Stats",
          "# CPU", "# Sentinel").doesNotContain("# Memory", "# Keyspace", "# Replication");
      assertThat(b.sentinelMyId()).hasSize(40);
    }
  }

  @Test
  void malformedHellosAreIgnoredAndTheSentinelKeepsRunning() throws Exception {
    Map<String, String> before = Group.master(kv);
    String[] garbage = {"garbage", "1,2,3", "127.0.0.1,0," + "e".repeat(40) + ",99,mymaster,127.0.0.1,1,99",
        "127.0.0.1,26529," + "e".repeat(40) + ",x,mymaster,127.0.0.1,16529,99",
        "127.0.0.1,26529," + "e".repeat(40) + ",99,mymaster,127.0.0.1,16529,-1"};
    for (String h : garbage) {
      // sent to the sentinel directly, and through the master's hello channel
      assertThat(kv.cli("publish", "__sentinel__:hello", h).trim()).isEqualTo("1");
      g.nodes.get(0).jedis().publish("__sentinel__:hello", h);
    }
    assertThat(kv.cli("ping").trim()).isEqualTo("PONG");
    Map<String, String> after = Group.master(kv);
    assertThat(after.get("num-other-sentinels")).isEqualTo(before.get("num-other-sentinels"));
    assertThat(after.get("config-epoch")).isEqualTo(before.get("config-epoch"));
    assertThat(after.get("port")).isEqualTo("16520");
    assertThat(kv.cli("info", "sentinel")).contains("address=127.0.0.1:16520");
    await().atMost(Duration.ofSeconds(10))
        .until(() -> kv.log().contains("Ignoring a malformed hello message"));
  }

  @Test
  void unreachableAndWrongPasswordMastersAreDownButNeverFailedOver() throws Exception {
    try (Events events = new Events(kv)) {
      // connections already open stay authenticated: the sentinels' links to mymaster keep working
      try (Jedis j = g.nodes.get(0).jedis()) {
        j.configSet("requirepass", "secret");
      }
      try {
        assertThat(kv.cli("sentinel", "monitor", "ghost", "127.0.0.1", "16529", "1").trim())
            .isEqualTo("OK");
        assertThat(kv.cli("sentinel", "monitor", "locked", "127.0.0.1", "16520", "1").trim())
            .isEqualTo("OK");
        assertThat(kv.cli("sentinel", "set", "locked", "auth-pass", "wrong",
            "down-after-milliseconds", "1000").trim()).isEqualTo("OK");
        assertThat(kv.cli("sentinel", "set", "ghost", "down-after-milliseconds", "1000").trim())
            .isEqualTo("OK");
        await().atMost(Duration.ofSeconds(30)).until(() ->
            events.all().stream().filter(e -> e.type().equals("-failover-abort-no-good-slave"))
                .map(Events.Event::payload).anyMatch(p -> p.startsWith("master ghost"))
            && events.all().stream().filter(e -> e.type().equals("-failover-abort-no-good-slave"))
                .map(Events.Event::payload).anyMatch(p -> p.startsWith("master locked")));
        assertThat(events.of("+switch-master")).isEmpty();
        assertThat(kv.cli("sentinel", "get-master-addr-by-name", "ghost")).isEqualTo("127.0.0.1\n16529\n");
        assertThat(kv.cli("info", "sentinel")).contains("name=ghost,status=odown")
            .contains("name=locked,status=odown");
        // the right password brings it back
        assertThat(kv.cli("sentinel", "set", "locked", "auth-pass", "secret").trim()).isEqualTo("OK");
        await().atMost(Duration.ofSeconds(20))
            .until(() -> kv.cli("info", "sentinel").contains("name=locked,status=ok"));
      } finally {
        try (Jedis j = g.nodes.get(0).jedis()) {
          j.auth("secret");
          j.configSet("requirepass", "");
        }
      }
    }
  }

  private static String line(String info, String key) {
    for (String l : info.split("\r?\n")) if (l.startsWith(key + ":")) return l;
    return null;
  }

  private static List<String> keys(String info) {
    List<String> out = new ArrayList<>();
    for (String l : info.split("\r?\n")) {
      int c = l.indexOf(':');
      if (c > 0) out.add(l.substring(0, c));
    }
    return out;
  }
}
