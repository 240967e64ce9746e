package io.kvstore.it.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * WAIT and min-replicas on a kvstore master count a real redis-server replica: its REPLCONF ACKs
 * (periodic, and in answer to the master's GETACK) are what WAIT waits for.
 */
class ReplicationWaitIT {
  @RegisterExtension final Nodes nodes = new Nodes();

  @Test
  void waitCountsARedisReplicaAck() throws Exception {
    Node master = nodes.kvstore("kvstore-master");
    Node replica = nodes.redis("redis-replica");
    Repl.replicaOf(replica, master);
    Repl.awaitCaughtUp(master, replica);

    try (Jedis j = master.jedis()) {
      j.set("k", "v");
      assertThat(j.waitReplicas(1, 2000)).as("WAIT 1 2000").isEqualTo(1);
      Pipeline p = j.pipelined();
      for (int i = 0; i < 5000; i++) p.incr("n");
      p.sync();
      assertThat(j.waitReplicas(1, 0)).as("WAIT 1 0 (no timeout)").isEqualTo(1);
      j.set("k2", "v");
      assertThat(j.waitReplicas(2, 300)).as("WAIT 2 300 with one replica").isEqualTo(1);
    }
    try (Jedis r = replica.jedis()) {
      assertThat(r.get("n")).isEqualTo("5000");
      assertThat(r.get("k2")).isEqualTo("v");
    }
  }

  @Test
  void minReplicasCountsARedisReplica() throws Exception {
    Node master = nodes.kvstore("kvstore-master");
    Node replica = nodes.redis("redis-replica");
    Repl.replicaOf(replica, master);
    Repl.awaitCaughtUp(master, replica);

    try (Jedis j = master.jedis()) {
      j.configSet("min-replicas-to-write", "1");
      // The replica is good once the master has an ACK younger than min-replicas-max-lag.
      Repl.await("min_slaves_good_slaves:1")
          .until(() -> "1".equals(master.info("replication").get("min_slaves_good_slaves")));
      assertThat(j.set("k", "v")).isEqualTo("OK");
      assertThat(j.waitReplicas(1, 2000)).isEqualTo(1);
      j.configSet("min-replicas-to-write", "2");
      assertThatThrownBy(() -> j.set("k", "w")).isInstanceOf(JedisDataException.class)
          .hasMessage("NOREPLICAS Not enough good replicas to write.");
      assertThat(j.get("k")).as("reads are allowed").isEqualTo("v");
      j.configSet("min-replicas-to-write", "1");
      assertThat(j.set("k", "x")).isEqualTo("OK");
    }

    // Without its replica the master counts no acknowledgement and no good replica.
    Repl.promote(replica);
    Repl.await("connected_slaves:0")
        .until(() -> "0".equals(master.info("replication").get("connected_slaves")));
    try (Jedis j = master.jedis()) {
      assertThatThrownBy(() -> j.set("k", "y")).isInstanceOf(JedisDataException.class)
          .hasMessage("NOREPLICAS Not enough good replicas to write.");
      j.configSet("min-replicas-to-write", "0");
      j.set("k", "z");
      assertThat(j.waitReplicas(1, 200)).as("WAIT 1 200 without replicas").isZero();
    }
  }
}
