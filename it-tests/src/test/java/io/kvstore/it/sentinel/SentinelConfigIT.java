package io.kvstore.it.sentinel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kvstore.it.Tools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * sentinel.conf: the sentinel saves what it learned (its id, known replicas and sentinels,
 * epochs, the current master) so that a restarted sentinel remembers it; a bad file stops the
 * sentinel with the same FATAL CONFIG FILE ERROR text as redis-sentinel.
 */
class SentinelConfigIT {
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

  @Test
  void aRestartedSentinelRemembersWhatItLearned() throws Exception {
    try (Group g = Group.start(tmp, false, 1, 16523)) {
      SentinelNode kv = g.addSentinel(SentinelNode.create("kv", true, 26523, tmp.resolve("kv"),
          g.nodes.get(0), 2, 1000, 6000));
      SentinelNode redis = g.addSentinel(SentinelNode.create("redis", false, 26524,
          tmp.resolve("redis"), g.nodes.get(0), 2, 1000, 6000));
      g.awaitDiscovery();
      String id = kv.cli("sentinel", "myid").trim();
      String redisId = redis.cli("sentinel", "myid").trim();
      await().atMost(Duration.ofSeconds(10)).until(() -> kv.config().contains(
          "sentinel known-sentinel mymaster 127.0.0.1 26524 " + redisId));
      assertThat(kv.config()).contains("sentinel myid " + id,
          "sentinel known-replica mymaster 127.0.0.1 16524", "sentinel current-epoch 0",
          "sentinel down-after-milliseconds mymaster 1000", "port 26523");

      // a failover led by redis-sentinel: epoch 1, new master 16524
      assertThat(redis.cli("sentinel", "failover", "mymaster").trim()).isEqualTo("OK");
      await().atMost(Duration.ofSeconds(40)).until(() -> "127.0.0.1:16524".equals(kv.masterAddr()));
      await().atMost(Duration.ofSeconds(10)).until(() -> kv.config().contains(
          "sentinel monitor mymaster 127.0.0.1 16524 2"));
      assertThat(kv.config()).contains("sentinel config-epoch mymaster 1", "sentinel current-epoch 1",
          "sentinel known-replica mymaster 127.0.0.1 16523");

      kv.kill9();
      kv.start();
      assertThat(kv.cli("sentinel", "myid").trim()).isEqualTo(id);
      try (Jedis j = kv.jedis()) {
        Map<String, String> m = j.sentinelMaster("mymaster");
        assertThat(m).containsEntry("port", "16524").containsEntry("config-epoch", "1")
            .containsEntry("num-slaves", "1").containsEntry("num-other-sentinels", "1");
        assertThat(j.sentinelSentinels("mymaster").get(0)).containsEntry("runid", redisId);
      }
      assertThat(kv.log()).contains("Sentinel ID is " + id);
    }
  }

  @Test
  void badFilesStopWithRedisFatalText() throws Exception {
    List<String> configs = List.of(
        "port 26525\nsentinel down-after-milliseconds nosuch 1000\n",
        "sentinel monitor m 127.0.0.1 6379 0\n",
        "sentinel bogus x\n",
        "sentinel myid abc\n",
        "sentinel monitor m 127.0.0.1 6379 1\nsentinel monitor m 127.0.0.1 6380 1\n",
        "sentinel monitor m 127.0.0.1 6379 1\nsentinel down-after-milliseconds m -5\n",
        "sentinel resolve-hostnames maybe\n",
        "sentinel monitor m not-an-ip 6379 1\n",
        "port abc\n");
    int i = 0;
    for (String conf : configs) {
      i++;
      Tools.Result expected = SentinelNode.withConfig("r" + i, false, 26525, tmp.resolve("r" + i), conf)
          .runToExit();
      Tools.Result actual = SentinelNode.withConfig("k" + i, true, 26525, tmp.resolve("k" + i), conf)
          .runToExit();
      assertThat(actual.exitCode()).as(conf).isEqualTo(1).isEqualTo(expected.exitCode());
      assertThat(fatal(actual.stdout())).as(conf).isEqualTo(fatal(expected.stdout())).isNotEmpty();
    }
  }

  @Test
  void aConfigFileIsRequired() throws Exception {
    Tools.Result r = Tools.run(Duration.ofSeconds(60), null,
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        StableJar.path().toString(), "sentinel");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).contains("Sentinel needs config file on disk to save state. Exiting...");
  }

  /** The FATAL CONFIG FILE ERROR block. */
  private static String fatal(String out) {
    int i = out.indexOf("*** FATAL CONFIG FILE ERROR");
    return i < 0 ? "" : out.substring(i).strip();
  }
}
