package io.kvstore.server.replication;

import static io.kvstore.server.replication.FullSyncTest.resp;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live stream, offsets, partial resynchronization and the master's PSYNC answers. */
class StreamTest {
  @TempDir Path dir;

  @Test
  void writesStreamWithIdenticalOffsetsAndTheReplicaAppliesThem() throws Exception {
    try (ReplNode m = new ReplNode(dir.resolve("m"));
         ReplNode r = new ReplNode(dir.resolve("r"))) {
      r.replicaOf(m);
      r.awaitInSync(m);
      m.call("SET", "s", "1", "EX", "1000");
      m.call("INCR", "n");
      m.call("MULTI");
      m.call("SET", "t1", "a");
      m.call("SET", "t2", "b");
      assertThat(m.call("EXEC")).isEqualTo(java.util.List.of("OK", "OK"));
      m.call("SELECT", "7");
      m.call("SET", "in7", "x");
      m.call("SELECT", "0");
      m.call("DEL", "t2");
      m.call("EXPIRE", "n", "500");
      r.awaitInSync(m);
      assertThat(r.text("GET", "t1")).isEqualTo("a");
      assertThat(r.text("EXISTS", "t2")).isEqualTo("0");
      assertThat((Long) r.call("TTL", "n")).isBetween(1L, 500L);
      assertThat((Long) r.call("TTL", "s")).isBetween(1L, 1000L);
      r.call("SELECT", "7");
      assertThat(r.text("GET", "in7")).isEqualTo("x");
      r.call("SELECT", "0");
      assertThat(r.info("replication", "master_repl_offset"))
          .isEqualTo(m.info("replication", "master_repl_offset"));
      assertThat(r.info("replication", "slave_read_repl_offset"))
          .isEqualTo(m.info("replication", "master_repl_offset"));
      assertThat(Long.parseLong(m.info("stats", "total_net_repl_output_bytes")))
          .isGreaterThanOrEqualTo(Long.parseLong(m.info("replication", "master_repl_offset")));
      assertThat(Long.parseLong(r.info("stats", "total_net_repl_input_bytes")))
          .isGreaterThanOrEqualTo(Long.parseLong(m.info("replication", "master_repl_offset")));
      // the master learns the replica's offset from its ACKs (once a second)
      Await.until(() -> m.info("replication", "slave0").contains(
          "offset=" + m.info("replication", "master_repl_offset") + ","), "the replica's ACK");
      assertThat(r.call("ROLE")).isEqualTo(java.util.List.of("slave", "127.0.0.1", (long) m.port(),
          "connected", Long.parseLong(m.info("replication", "master_repl_offset"))));
      assertThat(m.call("ROLE")).isEqualTo(java.util.List.of("master",
          Long.parseLong(m.info("replication", "master_repl_offset")),
          java.util.List.of(java.util.List.of("127.0.0.1", Integer.toString(r.port()),
              m.info("replication", "master_repl_offset")))));
    }
  }

  @Test
  void aDroppedLinkContinuesWithAPartialResync() throws Exception {
    try (ReplNode m = new ReplNode(dir.resolve("m"));
         ReplNode r = new ReplNode(dir.resolve("r"))) {
      r.replicaOf(m);
      r.awaitInSync(m);
      m.call("SET", "before", "1");
      r.awaitInSync(m);
      assertThat(r.text("CLIENT", "KILL", "TYPE", "master")).isEqualTo("1");
      m.call("SET", "while-down", "2");
      r.awaitInSync(m);
      assertThat(r.text("GET", "while-down")).isEqualTo("2");
      assertThat(m.info("stats", "sync_partial_ok")).isEqualTo("1");
      assertThat(m.info("stats", "sync_full")).isEqualTo("1");
      assertThat(r.log()).contains("Caching the disconnected master state.")
          .contains("Trying a partial resynchronization (request "
              + m.info("replication", "master_replid") + ":")
          .contains("MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization.");
      assertThat(m.log()).contains("Partial resynchronization request from 127.0.0.1:" + r.port()
          + " accepted.");

      // and from the master's side
      assertThat(m.text("CLIENT", "KILL", "TYPE", "replica")).isEqualTo("1");
      m.call("SET", "after-kill", "3");
      r.awaitInSync(m);
      assertThat(r.text("GET", "after-kill")).isEqualTo("3");
      assertThat(m.info("stats", "sync_partial_ok")).isEqualTo("2");
    }
  }

  @Test
  void aMasterWithoutReplicasFreesItsBacklogAfterTheTtlAndStartsANewHistory() throws Exception {
    try (ReplNode m = new ReplNode(dir.resolve("m"), "repl-backlog-ttl", "1");
         ReplNode r = new ReplNode(dir.resolve("r"))) {
      r.replicaOf(m);
      r.awaitInSync(m);
      String id = m.info("replication", "master_replid");
      assertThat(m.info("replication", "repl_backlog_active")).isEqualTo("1");
      r.call("REPLICAOF", "NO", "ONE");
      Await.until(() -> "0".equals(m.info("replication", "repl_backlog_active")), "the backlog freed");
      assertThat(m.info("replication", "master_replid")).isNotEqualTo(id);
      assertThat(m.info("replication", "master_replid2")).isEqualTo("0".repeat(40));
      assertThat(m.log()).contains("Replication backlog freed after 1 seconds without connected replicas.");
      // the promoted replica keeps its backlog: it may have to serve PSYNCs
      assertThat(r.info("replication", "repl_backlog_active")).isEqualTo("1");
    }
  }

  @Test
  void psyncAnswers() throws Exception {
    try (ReplNode m = new ReplNode(dir.resolve("m"), "repl-diskless-sync", "no",
        "repl-ping-replica-period", "3600")) {
      try (Resp c = m.connect()) {
        assertThat(c.text("PSYNC", "?", "x")).isEqualTo("-ERR value is not an integer or out of range");
        assertThat(c.text("REPLCONF", "listening-port")).isEqualTo("-ERR syntax error");
        assertThat(c.text("REPLCONF", "bogus", "1")).isEqualTo("-ERR Unrecognized REPLCONF option: bogus");
      }
      try (Resp c = m.connect()) {
        c.send("REPLCONF", "ACK", "10"); // from a normal client: ignored, and never answered
        assertThat(c.text("PING")).isEqualTo("PONG");
        // an unknown id: full resync, counted as a refused partial one
        c.send("PSYNC", "0123456789012345678901234567890123456789", "1");
        String full = c.readLine();
        assertThat(full).startsWith("+FULLRESYNC ");
        assertThat(m.info("stats", "sync_partial_err")).isEqualTo("1");
        assertThat(m.log()).contains("Partial resynchronization not accepted: Replication ID mismatch");
      }
      String replid = m.info("replication", "master_replid");
      long offset = Long.parseLong(m.info("replication", "master_repl_offset"));
      try (Resp c = m.connect()) {
        // beyond what the master has: full resync with Redis's warning
        c.send("PSYNC", replid, Long.toString(offset + 100));
        assertThat(c.readLine()).startsWith("+FULLRESYNC " + replid + " ");
        assertThat(m.log()).contains("tried to PSYNC with an offset that is greater than the master replication offset");
      }
      try (Resp c = m.connect()) {
        m.call("SET", "k", "v");
        String stream = resp("SELECT", "0") + resp("SET", "k", "v");
        assertThat(c.text("REPLCONF", "capa", "psync2")).isEqualTo("OK");
        c.send("PSYNC", replid, Long.toString(offset + 1));
        assertThat(c.readLine()).isEqualTo("+CONTINUE " + replid);
        assertThat(new String(c.readBytes(stream.length()), StandardCharsets.US_ASCII)).isEqualTo(stream);
        assertThat(m.info("stats", "sync_partial_ok")).isEqualTo("1");
      }
    }
  }
}
