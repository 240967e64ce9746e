package io.kvstore.server.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WAIT, min-replicas (NOREPLICAS), READONLY, MASTERDOWN, and the roles HELLO reports. */
class WaitAndGatesTest {
  @TempDir Path dir;

  @Test
  void waitCountsReplicasThatAcknowledgedTheClientsLastWrite() throws Exception {
    try (ReplNode m = new ReplNode(dir.resolve("m"));
         ReplNode r1 = new ReplNode(dir.resolve("r1"));
         ReplNode r2 = new ReplNode(dir.resolve("r2"))) {
      try (Resp c = m.connect()) {
        assertThat(c.call("WAIT", "0", "0")).isEqualTo(0L);
        assertThat(c.call("WAIT", "1", "10")).isEqualTo(0L); // times out with none
      }
      r1.replicaOf(m);
      r2.replicaOf(m);
      r1.awaitInSync(m);
      r2.awaitInSync(m);
      try (Resp c = m.connect()) {
        c.call("SET", "k", "v");
        assertThat(c.call("WAIT", "2", "0")).isEqualTo(2L);
        c.call("SET", "k", "w");
        assertThat(c.call("WAIT", "3", "200")).isEqualTo(2L); // only two exist: the timeout answers
        assertThat(c.text("WAIT", "x", "0")).isEqualTo("-ERR value is not an integer or out of range");
        assertThat(c.text("WAIT", "1", "x")).isEqualTo("-ERR timeout is not an integer or out of range");
        assertThat(c.text("WAIT", "1", "-1")).isEqualTo("-ERR timeout is negative");
        c.call("MULTI");
        c.call("SET", "k", "z");
        c.call("WAIT", "5", "0");
        assertThat(c.call("EXEC")).isEqualTo(List.of("OK", 2L)); // never blocks inside MULTI
        // a blocked client keeps its pipelined commands until WAIT answers
        c.send("SET", "p", "1");
        c.send("WAIT", "2", "0");
        c.send("GET", "p");
        assertThat(c.read()).isEqualTo("OK");
        assertThat(c.read()).isEqualTo(2L);
        assertThat(c.read()).isEqualTo("1");
      }
      assertThat(r1.text("WAIT", "1", "0")).startsWith("-ERR WAIT cannot be used with replica instances.");
    }
  }

  @Test
  void minReplicasRefusesWritesWithoutEnoughGoodReplicas() throws Exception {
    try (ReplNode m = new ReplNode(dir.resolve("m"));
         ReplNode r = new ReplNode(dir.resolve("r"))) {
      assertThat(m.text("CONFIG", "SET", "min-replicas-to-write", "1")).isEqualTo("OK");
      assertThat(m.text("SET", "k", "v")).isEqualTo("-NOREPLICAS Not enough good replicas to write.");
      assertThat(m.text("GET", "k")).isEqualTo("null"); // reads are fine
      r.replicaOf(m);
      r.awaitInSync(m);
      Await.until(() -> "1".equals(m.info("replication", "min_slaves_good_slaves")), "a good replica");
      assertThat(m.text("SET", "k", "v")).isEqualTo("OK");
      try (Resp other = m.connect()) {
        m.call("MULTI");
        assertThat(m.text("SET", "k", "w")).isEqualTo("QUEUED");
        assertThat(other.text("CONFIG", "SET", "min-replicas-to-write", "2")).isEqualTo("OK");
        assertThat(m.text("EXEC")).isEqualTo(
            "-EXECABORT Transaction discarded because of: NOREPLICAS Not enough good replicas to write.");
        m.call("MULTI");
        assertThat(m.text("SET", "k", "w")).isEqualTo("-NOREPLICAS Not enough good replicas to write.");
        assertThat(m.text("EXEC")).isEqualTo("-EXECABORT Transaction discarded because of previous errors.");
      }
      assertThat(m.info("replication", "min_slaves_good_slaves")).isEqualTo("1");
    }
  }

  @Test
  void aReplicaRefusesWritesAndReportsItsLinkWhenDown() throws Exception {
    try (ReplNode m = new ReplNode(dir.resolve("m"));
         ReplNode r = new ReplNode(dir.resolve("r"))) {
      r.replicaOf(m);
      r.awaitInSync(m);
      assertThat(r.text("SET", "k", "v")).isEqualTo("-READONLY You can't write against a read only replica.");
      r.call("MULTI");
      assertThat(r.text("INCR", "k")).isEqualTo("-READONLY You can't write against a read only replica.");
      assertThat(r.text("EXEC")).isEqualTo("-EXECABORT Transaction discarded because of previous errors.");
      assertThat(hello(r)).isEqualTo("replica");
      assertThat(hello(m)).isEqualTo("master");

      // a writable replica keeps its own writes to itself
      r.call("CONFIG", "SET", "replica-read-only", "no");
      assertThat(r.text("SET", "local", "1")).isEqualTo("OK");
      m.call("SET", "from-master", "1");
      r.awaitInSync(m);
      assertThat(m.text("EXISTS", "local")).isEqualTo("0");
      assertThat(r.text("GET", "from-master")).isEqualTo("1");

      // link down: stale data served unless replica-serve-stale-data is no
      int deadPort;
      try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
        deadPort = s.getLocalPort();
      }
      assertThat(r.text("REPLICAOF", "127.0.0.1", Integer.toString(deadPort))).isEqualTo("OK");
      assertThat(r.text("GET", "from-master")).isEqualTo("1");
      r.call("CONFIG", "SET", "replica-serve-stale-data", "no");
      assertThat(r.text("GET", "from-master")).isEqualTo(
          "-MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.");
      assertThat(r.text("PING")).startsWith("-MASTERDOWN");
      assertThat(r.text("INFO", "replication")).contains("master_link_status:down");
      assertThat(r.call("ROLE")).isEqualTo(List.of("slave", "127.0.0.1", (long) deadPort,
          r.list("ROLE").get(3), -1L));
      assertThat(List.of("connect", "connecting")).contains((String) r.list("ROLE").get(3));
      assertThat(r.text("REPLICAOF", "127.0.0.1", Integer.toString(deadPort)))
          .isEqualTo("OK Already connected to specified master");
      assertThat(r.text("REPLICAOF", "127.0.0.1", "70000")).isEqualTo("-ERR Invalid master port");
      assertThat(r.text("REPLICAOF", "NO", "ONE")).isEqualTo("OK");
      assertThat(r.text("SET", "k", "mine")).isEqualTo("OK");
      assertThat(hello(r)).isEqualTo("master");
    }
  }

  private static String hello(ReplNode n) throws Exception {
    try (Resp c = n.connect()) {
      List<?> h = (List<?>) c.call("HELLO", "2");
      return (String) h.get(h.indexOf("role") + 1);
    }
  }
}
