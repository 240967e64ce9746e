package io.kvstore.server.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.persistence.rdb.RdbInfo;
import io.kvstore.persistence.rdb.RdbReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Full resync between kvstore nodes, and the master's side of it as a raw replica sees it. */
class FullSyncTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"yes", "no"})
  void aReplicaGetsTheMastersDatasetInBothFramings(String diskless) throws Exception {
    try (ReplNode m = new ReplNode(dir.resolve("m"), "repl-diskless-sync", diskless);
         ReplNode r = new ReplNode(dir.resolve("r"))) {
      m.call("SET", "a", "1");
      m.call("SET", "e", "v", "PX", "600000");
      m.call("SET", "big", "x".repeat(5000));
      m.call("SELECT", "3");
      m.call("SET", "in3", "three");
      m.call("SELECT", "0");
      r.call("SET", "stale", "old");

      r.replicaOf(m);
      r.awaitInSync(m);

      assertThat(r.text("GET", "a")).isEqualTo("1");
      assertThat((Long) r.call("PTTL", "e")).isBetween(1L, 600000L);
      assertThat(r.text("GET", "big")).hasSize(5000);
      assertThat(r.text("EXISTS", "stale")).isEqualTo("0");
      r.call("SELECT", "3");
      assertThat(r.text("GET", "in3")).isEqualTo("three");
      r.call("SELECT", "0");
      assertThat(m.info("stats", "sync_full")).isEqualTo("1");
      // the replica was a master: it asked to continue its own history, which the master refused
      assertThat(m.info("stats", "sync_partial_err")).isEqualTo("1");
      assertThat(m.log()).contains("Starting BGSAVE for SYNC with target: "
          + (diskless.equals("yes") ? "replicas sockets" : "disk"));
      assertThat(r.log()).contains("MASTER <-> REPLICA sync: Finished with success")
          .contains(diskless.equals("yes") ? "receiving streamed RDB from master with EOF"
              : "bytes from master to parser");
      assertThat(m.info("replication")).containsEntry("connected_slaves", "1")
          .containsEntry("slave0", "ip=127.0.0.1,port=" + r.port() + ",state=online,offset="
              + m.info("replication", "master_repl_offset") + ",lag=" + m.info("replication", "slave0")
              .replaceAll(".*lag=", ""));
      assertThat(r.info("replication")).containsEntry("role", "slave")
          .containsEntry("master_host", "127.0.0.1")
          .containsEntry("master_port", Integer.toString(m.port()))
          .containsEntry("master_replid", m.info("replication", "master_replid"));

      m.call("SET", "after", "2");
      r.awaitInSync(m);
      assertThat(r.text("GET", "after")).isEqualTo("2");
    }
  }

  @Test
  void writesDuringTheTransferAreSentAfterThePointInTimeSnapshot() throws Exception {
    // no periodic PING in the stream read byte for byte below
    try (ReplNode m = new ReplNode(dir.resolve("m"), "repl-diskless-sync", "no",
        "repl-ping-replica-period", "3600")) {
      String mb = "v".repeat(1 << 20);
      for (int i = 0; i < 24; i++) m.call("SET", "k" + i, mb); // more than the socket buffers hold
      try (Resp replica = m.connect()) {
        assertThat(replica.text("REPLCONF", "listening-port", "7777")).isEqualTo("OK");
        assertThat(replica.text("REPLCONF", "capa", "psync2")).isEqualTo("OK");
        replica.send("PSYNC", "?", "-1");
        String[] full = replica.readLine().split(" ");
        assertThat(full[0]).isEqualTo("+FULLRESYNC");
        long offset = Long.parseLong(full[2]);
        // not reading: the transfer is stuck on the socket while the master takes more writes
        m.call("SET", "during", "1");
        m.call("DEL", "k0");

        String header;
        do {
          header = replica.readLine(); // "\n" keepalives may come first
        } while (header.isEmpty());
        assertThat(header).startsWith("$");
        byte[] rdb = replica.readBytes(Integer.parseInt(header.substring(1)));
        List<String> keys = new ArrayList<>();
        RdbInfo info = new RdbReader(new ByteArrayInputStream(rdb))
            .read((db, key, value, expireAt) -> keys.add(new String(key, StandardCharsets.UTF_8)));
        assertThat(keys).hasSize(24).contains("k0").doesNotContain("during");
        assertThat(info.replId()).isEqualTo(full[1]);
        assertThat(info.replOffset()).isEqualTo(offset);

        byte[] expected = (resp("SELECT", "0") + resp("SET", "during", "1") + resp("DEL", "k0"))
            .getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(replica.readBytes(expected.length), StandardCharsets.US_ASCII))
            .isEqualTo(new String(expected, StandardCharsets.US_ASCII));
        assertThat(Long.parseLong(m.info("replication", "master_repl_offset")))
            .isEqualTo(offset + expected.length);
      }
    }
  }

  @Test
  void aDisklessSnapshotIsFramedWithAnEofMarkAndTheStreamStartsAfterTheFirstAck() throws Exception {
    try (ReplNode m = new ReplNode(dir.resolve("m"), "repl-ping-replica-period", "3600")) {
      m.call("SET", "k", "v");
      try (Resp replica = m.connect()) {
        assertThat(replica.text("REPLCONF", "capa", "eof", "capa", "psync2")).isEqualTo("OK");
        replica.send("PSYNC", "?", "-1");
        String[] full = replica.readLine().split(" ");
        assertThat(full[0]).isEqualTo("+FULLRESYNC");
        String header = replica.readLine();
        assertThat(header).matches("\\$EOF:[0-9a-f]{40}");
        byte[] mark = header.substring(5).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        while (!endsWith(payload.toByteArray(), mark)) payload.write(replica.readByte());
        byte[] rdb = Arrays.copyOf(payload.toByteArray(), payload.size() - mark.length);
        List<String> keys = new ArrayList<>();
        new RdbReader(new ByteArrayInputStream(rdb))
            .read((db, key, value, expireAt) -> keys.add(new String(key, StandardCharsets.UTF_8)));
        assertThat(keys).containsExactly("k");
        Await.until(() -> m.info("replication", "slave0") != null
            && m.info("replication", "slave0").contains("state=online"), "replica online");

        m.call("SET", "next", "1");
        replica.send("REPLCONF", "ACK", full[2]);
        String expected = resp("SELECT", "0") + resp("SET", "next", "1");
        assertThat(new String(replica.readBytes(expected.length()), StandardCharsets.US_ASCII))
            .isEqualTo(expected);
        assertThat(m.log()).contains("Waiting for REPLCONF ACK from slave to enable streaming");
      }
    }
  }

  static String resp(String... args) {
    StringBuilder sb = new StringBuilder("*" + args.length + "\r\n");
    for (String a : args) sb.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
    return sb.toString();
  }

  private static boolean endsWith(byte[] b, byte[] suffix) {
    if (b.length < suffix.length) return false;
    return Arrays.equals(b, b.length - suffix.length, b.length, suffix, 0, suffix.length);
  }
}
