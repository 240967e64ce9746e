package io.kvstore.server.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restarts keep replication partial: the replication id, offset and stream db are committed
 * with the data, so a restarted replica continues from exactly its data, and a restarted
 * master serves its stored id as replid2.
 */
class RestartTest {
  @TempDir Path dir;

  @Test
  void aRestartedReplicaContinuesWithAPartialResync() throws Exception {
    try (ReplNode m = new ReplNode(dir.resolve("m"))) {
      String replicaof = "127.0.0.1 " + m.port();
      ReplNode r = new ReplNode(dir.resolve("r"), "replicaof", replicaof);
      try {
        r.awaitInSync(m);
        m.call("SELECT", "5");
        m.call("SET", "k", "1"); // the stream is in db 5 when the replica stops
        r.awaitInSync(m);
      } finally {
        r.close();
      }
      m.call("SET", "while-down", "2");
      try (ReplNode again = new ReplNode(dir.resolve("r"), "replicaof", replicaof)) {
        assertThat(again.text("SET", "x", "1")).startsWith("-READONLY"); // a replica from the start
        again.awaitInSync(m);
        assertThat(m.info("stats", "sync_full")).isEqualTo("1");
        assertThat(m.info("stats", "sync_partial_ok")).isEqualTo("1");
        again.call("SELECT", "5");
        assertThat(again.text("GET", "while-down")).isEqualTo("2");
        assertThat(again.text("GET", "k")).isEqualTo("1");
        assertThat(again.log()).contains("Trying a partial resynchronization (request "
            + m.info("replication", "master_replid") + ":");
      }
    }
  }

  @Test
  void aRestartedMasterLetsItsReplicaContinue() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path mdir = dir.resolve("m");
    ReplNode m = new ReplNode(mdir, "port", Integer.toString(port));
    try (ReplNode r = new ReplNode(dir.resolve("r"))) {
      String oldId;
      try {
        r.replicaOf(m);
        m.call("SET", "k", "1");
        r.awaitInSync(m);
        oldId = m.info("replication", "master_replid");
      } finally {
        m.close();
      }
      Await.until(() -> "down".equals(r.info("replication", "master_link_status")), "the link down");
      m = new ReplNode(mdir, "port", Integer.toString(port));
      assertThat(m.info("replication")).containsEntry("master_replid2", oldId);
      m.call("SET", "after-restart", "2");
      r.awaitInSync(m);
      assertThat(r.text("GET", "after-restart")).isEqualTo("2");
      assertThat(r.text("GET", "k")).isEqualTo("1");
      assertThat(m.info("stats", "sync_partial_ok")).isEqualTo("1");
      assertThat(m.info("stats", "sync_full")).isEqualTo("0");
      assertThat(r.info("replication", "master_replid2")).isEqualTo(oldId);
    } finally {
      m.close();
    }
  }
}
