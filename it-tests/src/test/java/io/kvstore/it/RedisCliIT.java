package io.kvstore.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * redis-cli and redis-benchmark (the real tools) against kvstore, and the same redis-cli scripts
 * against a real redis-server 7.0: the outputs must be identical.
 */
class RedisCliIT {
  @TempDir static Path dir;
  static KvstoreProcess kvstore;
  static RealRedis redis;

  @BeforeAll
  static void start() throws Exception {
    kvstore = new KvstoreProcess(dir.resolve("kv")).start();
    redis = new RealRedis(dir.resolve("redis"));
  }

  @AfterAll
  static void stop() throws Exception {
    kvstore.close();
    redis.close();
  }

  static String cli(int port, String script) throws Exception {
    return Tools.run(Duration.ofSeconds(30), script, Tools.require("redis-cli"), "-p",
        Integer.toString(port)).stdout();
  }

  /** Each script starts from empty databases on both servers. */
  @ParameterizedTest
  @ValueSource(strings = {
      "set k v\nget k\nset k v2 nx\nset k v3 xx get\nget k\nstrlen k\nappend k !!\ngetrange k 0 -2\nsetrange k 1 ZZ\nget k\n",
      "set n 10\nincr n\ndecr n\nincrby n 5\ndecrby n 20\nincrbyfloat n 0.5\nincrbyfloat n 1e3\nset big 9223372036854775807\nincr big\nincr k\nincrby n abc\n",
      "mset a 1 b 2 c 3\nmget a b c d\nmsetnx a 9 z 9\nmsetnx y 1 z 2\nexists a b y z q\ndel a b q\nunlink c\ndbsize\n",
      "set k v ex 100\nttl k\npersist k\nttl k\nexpire k 50 nx\nexpire k 60 nx\nexpire k 10 gt\nexpire k 100 lt\nttl k\nexpire missing 10\nttl missing\ntype k\ntype missing\n",
      "set k v\nexpire k -1\nexists k\nset k v px 0\nset k v ex 9999999999999999\nset k v ex abc\nset k v nx xx\nset k v keepttl ex 1\ngetex k\n",
      "set a 1\nrename a b\nget b\nrename nope x\nrenamenx b b\nset c 3\nrenamenx b c\ncopy b d\ncopy b c\ncopy b c replace\nget c\n",
      "select 1\nset k db1\nselect 0\nget k\nselect 16\nselect -1\nselect x\nswapdb 0 1\nget k\nswapdb 0 99\nflushdb\ndbsize\n",
      "multi\nset k 1\nincr k\nget k\nexec\nmulti\nset k\nget k\nexec\nexec\ndiscard\nmulti\nmulti\ndiscard\n",
      "getdel missing\nset k v\ngetdel k\nget k\nset k v\ngetset k w\nget k\nsetnx k x\nsetnx k2 x\nsetex k3 100 v\nttl k3\npsetex k4 100000 v\nsetex k5 0 v\n",
      "nosuchcommand a b\nget\nget a b\nset\nping\nping hello\necho hi\nping a b\n",
      "config get maxmemory-policy\nconfig set maxmemory-policy bogus\nconfig set nosuchparam 1\nconfig get nosuch*\n",
      "pubsub numsub a b\npubsub numpat\npublish ch msg\npubsub channels\n",
  })
  void sameOutputAsRedis(String script) throws Exception {
    cli(kvstore.port(), "flushall\n");
    cli(redis.port(), "flushall\n");
    assertThat(cli(kvstore.port(), script)).isEqualTo(cli(redis.port(), script));
  }

  @Test
  void scanModeListsAllKeys() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 300; i++) sb.append("set user:").append(i).append(" x\n");
    sb.append("set other y\n");
    cli(kvstore.port(), "flushall\n" + sb);
    String out = Tools.run(Duration.ofSeconds(30), null, Tools.require("redis-cli"), "-p",
        Integer.toString(kvstore.port()), "--scan", "--pattern", "user:*").stdout();
    assertThat(out.lines().distinct().count()).isEqualTo(300);
  }

  @Test
  void redisBenchmarkRuns() throws Exception {
    Tools.Result r = Tools.run(Duration.ofSeconds(120), null, Tools.require("redis-benchmark"),
        "-p", Integer.toString(kvstore.port()), "-t", "set,get,incr,mset", "-n", "2000",
        "-c", "10", "-q");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).contains("SET:", "GET:", "INCR:", "MSET");
    // pipelined as well
    Tools.Result p = Tools.run(Duration.ofSeconds(120), null, Tools.require("redis-benchmark"),
        "-p", Integer.toString(kvstore.port()), "-t", "set,get", "-n", "20000", "-c", "10",
        "-P", "16", "-q");
    assertThat(p.exitCode()).isZero();
    assertThat(cli(kvstore.port(), "get key:__rand_int__\n").trim()).isNotEmpty();
  }

  @Test
  void interactiveInfoAndHello() throws Exception {
    String out = cli(kvstore.port(), "info server\nhello 3\n");
    assertThat(out).contains("redis_version:7.0.15", "proto 3", "server redis");
  }
}
