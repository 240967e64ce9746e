package io.kvstore.it.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

/**
 * What clients see from replicas and guarded masters, side by side with a real redis-server in
 * the same state: the same redis-cli script must print the same output (READONLY, MASTERDOWN,
 * NOREPLICAS, EXECABORT), and INFO replication and ROLE must have Redis 7.0's fields, in order,
 * and reply shapes.
 */
class ReplicationSemanticsIT {
  static final String READONLY = "READONLY You can't write against a read only replica.";
  static final String MASTERDOWN =
      "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.";
  static final String NOREPLICAS = "NOREPLICAS Not enough good replicas to write.";

  @RegisterExtension final Nodes nodes = new Nodes();

  /** A master and its caught-up replica, both kvstore or both redis-server. */
  record Pair(Node master, Node replica) {}

  private Pair kvstorePair() throws Exception {
    Node m = nodes.kvstore("kvstore-master");
    Node r = nodes.kvstore("kvstore-replica");
    return link(m, r);
  }

  private Pair redisPair() throws Exception {
    Node m = nodes.redis("redis-master");
    Node r = nodes.redis("redis-replica");
    return link(m, r);
  }

  private static Pair link(Node m, Node r) throws Exception {
    m.script("set k v\nset n 10\nselect 2\nset other 1\n");
    Repl.replicaOf(r, m);
    Repl.awaitCaughtUp(m, r);
    return new Pair(m, r);
  }

  @Test
  void writesToAReplicaAreRefusedAsByRedis() throws Exception {
    Pair kv = kvstorePair();
    Pair redis = redisPair();
    String script = "get k\nset k w\nincr n\ndel k\nexpire k 10\nflushall\nflushdb\n"
        + "setnx fresh 1\nmset a 1 b 2\nget n\nselect 2\nget other\nset other 2\ndbsize\n"
        + "multi\nget k\nset k w\nexec\nmulti\nget k\nexec\n"
        + "config get replica-read-only\nconfig set replica-read-only no\nset local 1\n"
        + "get local\nconfig set replica-read-only yes\nset local 2\nget local\n";
    String expected = redis.replica().script(script);
    assertThat(expected).contains(READONLY, "EXECABORT");
    assertThat(kv.replica().script(script)).isEqualTo(expected);
    try (Jedis j = kv.master().jedis()) {
      assertThat(j.get("k")).as("the master is unchanged").isEqualTo("v");
    }
  }

  @Test
  void staleDataNoWithTheMasterDownAnswersMasterdown() throws Exception {
    Pair kv = kvstorePair();
    Pair redis = redisPair();
    for (Pair p : List.of(kv, redis)) {
      p.replica().cli("config", "set", "replica-serve-stale-data", "no");
      p.master().shutdown();
      Repl.awaitLinkDown(p.replica());
    }
    String script = "get k\nping\nset k w\ndbsize\necho hi\nconfig get replica-serve-stale-data\n"
        + "select 2\nmulti\nget other\nexec\nwait 0 0\nexists k\n"
        + "config set replica-serve-stale-data yes\nget k\nset k w\nping\nselect 2\nget other\n";
    String expected = redis.replica().script(script);
    assertThat(expected).contains(MASTERDOWN, READONLY);
    assertThat(kv.replica().script(script)).isEqualTo(expected);
  }

  @Test
  void minReplicasWithoutReplicasAnswersNoreplicas() throws Exception {
    Node kv = nodes.kvstore("kvstore-master", "--min-replicas-to-write", "1");
    Node redis = nodes.redis("redis-master", "--min-replicas-to-write", "1");
    String script = "set k v\nget k\nincr n\nping\nmulti\nset k v\nget k\nexec\n"
        + "config get min-replicas-to-write\nconfig set min-replicas-to-write 0\nset k v\nget k\n"
        + "config set min-replicas-max-lag 0\nconfig set min-replicas-to-write 1\nset k w\n"
        + "config set min-replicas-max-lag 10\nset k w\nget k\n";
    String expected = redis.script(script);
    assertThat(expected).contains(NOREPLICAS, "EXECABORT");
    assertThat(kv.script(script)).isEqualTo(expected);
    assertThat(kv.info("replication")).containsEntry("min_slaves_good_slaves", "0");
    kv.cli("config", "set", "min-replicas-to-write", "0");
    assertThat(kv.info("replication")).doesNotContainKey("min_slaves_good_slaves");
  }

  @Test
  void infoReplicationAndRoleHaveRedisFieldsAndShapes() throws Exception {
    Pair kv = kvstorePair();
    Pair redis = redisPair();

    assertSameFields("master", kv.master(), redis.master());
    assertThat(kv.master().repl("role")).isEqualTo("master");
    assertThat(fieldNames(kv.master().repl("slave0")))
        .isEqualTo(List.of("ip", "port", "state", "offset", "lag"));
    assertThat(kv.master().repl("slave0"))
        .startsWith("ip=127.0.0.1,port=" + kv.replica().port() + ",state=online,offset=");
    assertSameFields("replica", kv.replica(), redis.replica());
    Map<String, String> r = kv.replica().info("replication");
    assertThat(r).containsEntry("role", "slave").containsEntry("master_host", "127.0.0.1")
        .containsEntry("master_port", Integer.toString(kv.master().port()))
        .containsEntry("master_link_status", "up").containsEntry("master_sync_in_progress", "0")
        .containsEntry("slave_read_only", "1").containsEntry("connected_slaves", "0")
        .containsEntry("master_replid", kv.master().repl("master_replid"));

    Object kvRole = role(kv.master());
    assertThat(shape(kvRole)).isEqualTo(shape(role(redis.master())));
    List<?> masterRole = (List<?>) kvRole;
    assertThat(text(masterRole.get(0))).isEqualTo("master");
    List<?> replicaEntry = (List<?>) ((List<?>) masterRole.get(2)).get(0);
    assertThat(text(replicaEntry.get(0))).isEqualTo("127.0.0.1");
    assertThat(text(replicaEntry.get(1))).isEqualTo(Integer.toString(kv.replica().port()));

    List<?> replicaRole = (List<?>) role(kv.replica());
    assertThat(shape(replicaRole)).isEqualTo(shape(role(redis.replica())));
    assertThat(text(replicaRole.get(0))).isEqualTo("slave");
    assertThat(text(replicaRole.get(1))).isEqualTo("127.0.0.1");
    assertThat(replicaRole.get(2)).isEqualTo((long) kv.master().port());
    assertThat(text(replicaRole.get(3))).isEqualTo("connected");

    // The master goes away: the replica shows how long its link has been down.
    kv.master().shutdown();
    redis.master().shutdown();
    Repl.awaitLinkDown(kv.replica());
    Repl.awaitLinkDown(redis.replica());
    assertSameFields("replica with its link down", kv.replica(), redis.replica());
    assertThat(kv.replica().info("replication")).containsKey("master_link_down_since_seconds")
        .containsEntry("master_last_io_seconds_ago", "-1");
    List<?> down = (List<?>) role(kv.replica());
    assertThat(shape(down)).isEqualTo(shape(role(redis.replica())));
    assertThat(text(down.get(3))).isIn("connect", "connecting");

    // Promoted, the former replica reports a master's fields, its old id kept as the second id.
    String oldId = kv.replica().repl("master_replid");
    Repl.promote(kv.replica());
    Repl.promote(redis.replica());
    assertSameFields("promoted replica", kv.replica(), redis.replica());
    assertThat(kv.replica().repl("master_replid2")).isEqualTo(oldId);
    assertThat(kv.replica().repl("master_replid")).isNotEqualTo(oldId);
    assertThat(shape(role(kv.replica()))).isEqualTo(shape(role(redis.replica())));
  }

  private static void assertSameFields(String what, Node kvstore, Node redis) {
    List<String> kv = new ArrayList<>(kvstore.info("replication").keySet());
    List<String> rd = new ArrayList<>(redis.info("replication").keySet());
    assertThat(kv).as("INFO replication field names of a %s, in order", what).isEqualTo(rd);
  }

  private static List<String> fieldNames(String commaList) {
    List<String> names = new ArrayList<>();
    for (String kv : commaList.split(",")) names.add(kv.substring(0, kv.indexOf('=')));
    return names;
  }

  private static Object role(Node n) {
    try (Jedis j = n.jedis()) {
      return j.sendCommand(Protocol.Command.ROLE);
    }
  }

  /** The RESP structure of a reply: bulk, int, or [shapes...]. */
  private static String shape(Object reply) {
    if (reply instanceof byte[]) return "bulk";
    if (reply instanceof Long) return "int";
    if (reply instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      for (Object o : list) parts.add(shape(o));
      return parts.toString();
    }
    return reply == null ? "nil" : reply.getClass().getSimpleName();
  }

  private static String text(Object bulk) {
    return new String((byte[]) bulk, StandardCharsets.UTF_8);
  }
}
