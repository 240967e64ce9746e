package io.kvstore.server.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What goes wrong on a link: garbage in the handshake, a corrupt, truncated or aborted snapshot
 * (the replica keeps serving its previous dataset and reconnects), a master without PSYNC (SYNC
 * fallback), a replica that talks back, and a replica too slow for its output buffer limit.
 */
class BadInputTest {
  @TempDir Path dir;

  @Test
  void aReplicaSurvivesBadMastersAndKeepsItsDatasetUntilAGoodSnapshotLoads() throws Exception {
    try (FakeMaster fake = new FakeMaster();
         ReplNode r = new ReplNode(dir.resolve("r"))) {
      r.call("SET", "old", "kept");
      String ownId = r.info("replication", "master_replid");
      r.replicaOf(fake.port());

      try (Resp link = fake.accept()) { // not a Redis master at all
        FakeMaster.expect(link, "PING");
        link.sendRaw("hello world\r\n");
        assertThat(link.readByte()).isEqualTo(-1); // the replica hangs up
      }
      Await.until(() -> r.log().contains("Error reply to PING from master: 'hello world'"), "the log line");

      try (Resp link = fake.accept()) { // it reconnects, asking to continue its own history
        List<Object> psync = FakeMaster.handshake(link);
        assertThat(psync).isEqualTo(List.of("PSYNC", ownId, "1"));
        link.sendRaw("+FULLRESYNC " + FakeMaster.ID + " 100\r\n$9\r\nnot-a-rdb");
        assertThat(link.readByte()).isEqualTo(-1);
      }
      Await.until(() -> r.log().contains("Failed trying to load the MASTER synchronization DB from socket: "
          + "not an RDB file"), "the load failure");
      assertThat(r.text("GET", "old")).isEqualTo("kept");

      byte[] corrupt = FakeMaster.rdb("new", "data");
      corrupt[corrupt.length - 1] ^= 0x55;
      try (Resp link = fake.accept()) {
        assertThat(FakeMaster.handshake(link)).isEqualTo(List.of("PSYNC", "?", "-1"));
        link.sendRaw("+FULLRESYNC " + FakeMaster.ID + " 100\r\n$" + corrupt.length + "\r\n");
        link.sendRaw(corrupt);
        assertThat(link.readByte()).isEqualTo(-1);
      }
      Await.until(() -> r.log().contains("RDB checksum mismatch"), "the checksum failure");
      assertThat(r.text("GET", "old")).isEqualTo("kept");
      assertThat(r.text("EXISTS", "new")).isEqualTo("0");

      byte[] good = FakeMaster.rdb("new", "data");
      try (Resp link = fake.accept()) { // truncated: the master goes away mid-transfer
        FakeMaster.handshake(link);
        link.sendRaw("+FULLRESYNC " + FakeMaster.ID + " 100\r\n$" + good.length + "\r\n");
        link.sendRaw(Arrays.copyOf(good, good.length / 2));
      }
      Await.until(() -> r.log().contains("I/O error trying to sync with MASTER: connection lost"),
          "the lost transfer");
      assertThat(r.text("GET", "old")).isEqualTo("kept");

      try (Resp link = fake.accept()) { // a master that aborts with an error instead of a payload
        FakeMaster.handshake(link);
        link.sendRaw("+FULLRESYNC " + FakeMaster.ID + " 100\r\n\n\n-ERR out of disk\r\n");
        assertThat(link.readByte()).isEqualTo(-1);
      }
      Await.until(() -> r.log().contains("MASTER aborted replication with an error: ERR out of disk"),
          "the abort");

      try (Resp link = fake.accept()) { // no PSYNC: SYNC, then a snapshot without an id
        FakeMaster.handshake(link);
        link.sendRaw("-ERR unknown command 'PSYNC'\r\n");
        assertThat(link.readLine()).isEqualTo("SYNC"); // inline, as Redis sends it
        link.sendRaw("$" + good.length + "\r\n");
        link.sendRaw(good);
        link.sendRaw(FullSyncTest.resp("SET", "streamed", "yes"));
        Await.until(() -> "yes".equals(r.call("GET", "streamed")), "the stream applied");
        assertThat(r.text("GET", "new")).isEqualTo("data");
        assertThat(r.text("EXISTS", "old")).isEqualTo("0"); // replaced by the master's dataset
        assertThat(r.info("replication", "master_link_status")).isEqualTo("up");
        assertThat(r.log()).contains("Retrying with SYNC...");
      }
    }
  }

  @Test
  void aReplicaStopsCleanlyWhileLoadingAndKeepsItsPreviousDataset() throws Exception {
    Path rdir = dir.resolve("r");
    try (FakeMaster fake = new FakeMaster()) {
      ReplNode r = new ReplNode(rdir);
      try {
        r.call("SET", "old", "kept");
        r.replicaOf(fake.port());
        try (Resp link = fake.accept()) {
          FakeMaster.handshake(link);
          byte[] good = FakeMaster.rdb("new", "data");
          link.sendRaw("+FULLRESYNC " + FakeMaster.ID + " 100\r\n$" + good.length + "\r\n");
          link.sendRaw(Arrays.copyOf(good, good.length - 3));
          Await.until(() -> r.log().contains("bytes from master to parser"), "the transfer started");
          assertTimeoutPreemptively(Duration.ofSeconds(60), r::close); // the loader must not hang it
        }
      } finally {
        r.close();
      }
    }
    try (ReplNode again = new ReplNode(rdir)) {
      assertThat(again.text("GET", "old")).isEqualTo("kept");
      assertThat(again.text("EXISTS", "new")).isEqualTo("0");
    }
  }

  @Test
  void aStreamedSnapshotWithAnEofMarkIsLoadedAndAcknowledged() throws Exception {
    try (FakeMaster fake = new FakeMaster();
         ReplNode r = new ReplNode(dir.resolve("r"))) {
      r.replicaOf(fake.port());
      try (Resp link = fake.accept()) {
        FakeMaster.handshake(link);
        String mark = "abcdefghij".repeat(4);
        byte[] rdb = FakeMaster.rdb("k", "v", "k2", "v2");
        link.sendRaw("+FULLRESYNC " + FakeMaster.ID + " 500\r\n\n$EOF:" + mark + "\r\n");
        link.sendRaw(Arrays.copyOf(rdb, 10)); // in pieces, the mark split as well
        link.sendRaw(Arrays.copyOfRange(rdb, 10, rdb.length));
        link.sendRaw(mark.substring(0, 17));
        link.sendRaw(mark.substring(17));
        assertThat(FakeMaster.command(link)).isEqualTo(List.of("REPLCONF", "ACK", "500"));
        link.sendRaw(FullSyncTest.resp("SELECT", "0") + FullSyncTest.resp("SET", "k3", "v3")
            + FullSyncTest.resp("REPLCONF", "GETACK", "*"));
        String select = FullSyncTest.resp("SELECT", "0");
        String set = FullSyncTest.resp("SET", "k3", "v3");
        // the ACK to GETACK excludes the GETACK itself (periodic ACKs of 500 may come first)
        List<Object> ack;
        do {
          ack = FakeMaster.command(link);
        } while (ack.equals(List.of("REPLCONF", "ACK", "500")));
        assertThat(ack).isEqualTo(List.of("REPLCONF", "ACK",
            Long.toString(500 + select.length() + set.length())));
        assertThat(r.text("MGET", "k", "k2", "k3")).isEqualTo("[v, v2, v3]");
        assertThat(r.info("replication")).containsEntry("master_replid", FakeMaster.ID)
            .containsEntry("master_repl_offset", Long.toString(500 + select.length() + set.length()
                + FullSyncTest.resp("REPLCONF", "GETACK", "*").length()));
      }
    }
  }

  @Test
  void aReplicaAcceptsTheRelativeFormsOfARedis62MasterAndItsKeysExpireOnlyLogically() throws Exception {
    try (FakeMaster fake = new FakeMaster();
         ReplNode r = new ReplNode(dir.resolve("r"))) {
      r.replicaOf(fake.port());
      try (Resp link = fake.accept()) {
        FakeMaster.handshake(link);
        byte[] rdb = FakeMaster.rdb();
        link.sendRaw("+FULLRESYNC " + FakeMaster.ID + " 0\r\n$" + rdb.length + "\r\n");
        link.sendRaw(rdb);
        link.sendRaw(FullSyncTest.resp("SELECT", "0") + FullSyncTest.resp("SET", "a", "1", "PX", "100000")
            + FullSyncTest.resp("SET", "b", "2") + FullSyncTest.resp("EXPIRE", "b", "200")
            + FullSyncTest.resp("SET", "gone", "3", "PX", "1"));
        Await.until(() -> "2".equals(r.call("GET", "b")), "the stream applied");
        assertThat((Long) r.call("PTTL", "a")).isBetween(1L, 100000L);
        assertThat((Long) r.call("TTL", "b")).isBetween(1L, 200L);
        // expired: missing for clients, but only the master deletes it (DBSIZE still counts it)
        Await.until(() -> r.call("GET", "gone") == null, "the key expired logically");
        assertThat(r.call("TTL", "gone")).isEqualTo(-2L);
        assertThat(r.call("DBSIZE")).isEqualTo(3L);
        link.sendRaw(FullSyncTest.resp("DEL", "gone"));
        Await.until(() -> Long.valueOf(2).equals(r.call("DBSIZE")), "the master's DEL applied");
      }
    }
  }

  @Test
  void aReplicaThatRepliesOnItsLinkIsDisconnected() throws Exception {
    try (ReplNode m = new ReplNode(dir.resolve("m"), "repl-diskless-sync", "no");
         Resp replica = m.connect()) {
      replica.send("PSYNC", "?", "-1");
      assertThat(replica.readLine()).startsWith("+FULLRESYNC");
      String header;
      do {
        header = replica.readLine();
      } while (header.isEmpty());
      replica.readBytes(Integer.parseInt(header.substring(1)));
      replica.send("PING");
      int b;
      do {
        b = replica.readByte(); // whatever the stream held, then the end
      } while (b != -1);
      Await.until(() -> m.log().contains("Replica generated a reply to command 'ping', disconnecting it"),
          () -> "the log line in\n" + m.log());
      assertThat(m.info("replication", "connected_slaves")).isEqualTo("0");
    }
  }

  @Test
  void aReplicaOverItsOutputBufferLimitIsDisconnected() throws Exception {
    try (ReplNode m = new ReplNode(dir.resolve("m"), "repl-diskless-sync", "no");
         Resp replica = m.connect()) {
      assertThat(m.text("CONFIG", "SET", "client-output-buffer-limit", "replica 1mb 0 0")).isEqualTo("OK");
      replica.send("PSYNC", "?", "-1");
      assertThat(replica.readLine()).startsWith("+FULLRESYNC");
      Await.until(() -> "1".equals(m.info("replication", "connected_slaves")), "the replica attached");
      String mb = "x".repeat(256 * 1024);
      for (int i = 0; i < 400 && "1".equals(m.info("replication", "connected_slaves")); i++) {
        m.call("SET", "k" + i, mb); // the replica reads nothing
      }
      assertThat(m.info("replication", "connected_slaves")).isEqualTo("0");
      assertThat(m.log()).contains("scheduled to be closed ASAP for overcoming of output buffer limits.")
          .contains("flags=S");
    }
  }
}
