package io.kvstore.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteOptions;

/**
 * The write-back journal on real RocksDB instances: what is appended survives a close without
 * apply (a crash) and is replayed at open; an apply reaches the main database coalesced and
 * releases its generation; a journal record already applied is never applied again.
 */
class WriteJournalTest {
  @TempDir Path dir;
  private final AtomicLong released = new AtomicLong();
  private long generation;

  private WriteJournal journal(RocksHandles h) throws Exception {
    return WriteJournal.open(dir.resolve("journal"), h, h.lastWinsFamilies(), released::set);
  }

  private static byte[] put(RocksHandles h, String key, String value) {
    PendingBatch p = new PendingBatch();
    p.put(h.data.getID(), b(key), b(value));
    return p.toBytes();
  }

  private void append(WriteJournal j, byte[] batch) throws Exception {
    try (WriteOptions wo = new WriteOptions()) {
      j.append(wo, batch, batch.length, () -> ++generation);
    }
  }

  private static String get(RocksHandles h, String key) throws Exception {
    byte[] v = h.db.get(h.data, b(key));
    return v == null ? null : new String(v, StandardCharsets.UTF_8);
  }

  @Test
  void appendedBatchesSurviveACloseWithoutApplyAndAreReplayedInOrder() throws Exception {
    try (RocksHandles h = RocksHandles.open(dir.resolve("db"))) {
      WriteJournal j = journal(h);
      append(j, put(h, "a", "1"));
      append(j, put(h, "a", "2"));
      append(j, put(h, "b", "3"));
      assertThat(j.pending()).isTrue();
      j.close(); // as a crash: nothing applied
      assertThat(get(h, "a")).isNull();
    }
    try (RocksHandles h = RocksHandles.open(dir.resolve("db"))) {
      WriteJournal j = journal(h);
      assertThat(j.pending()).isFalse();
      assertThat(get(h, "a")).isEqualTo("2");
      assertThat(get(h, "b")).isEqualTo("3");
      append(j, put(h, "c", "4")); // numbering goes on after the replayed records
      j.close();
    }
    try (RocksHandles h = RocksHandles.open(dir.resolve("db"))) {
      journal(h).close();
      assertThat(get(h, "c")).isEqualTo("4");
      assertThat(get(h, "a")).isEqualTo("2");
    }
  }

  @Test
  void applyAllWritesCoalescedAndReleasesTheLastGeneration() throws Exception {
    try (RocksHandles h = RocksHandles.open(dir.resolve("db"))) {
      WriteJournal j = journal(h);
      for (int i = 0; i < 100; i++) append(j, put(h, "k" + (i % 10), "v" + i));
      j.applyAll();
      assertThat(released.get()).isEqualTo(100);
      assertThat(j.pending()).isFalse();
      for (int k = 0; k < 10; k++) assertThat(get(h, "k" + k)).isEqualTo("v" + (90 + k));
      j.close();
    }
  }

  @Test
  void aBackgroundApplyStartsPastTheThresholdAndReleasesOnlyWhatItApplied() throws Exception {
    try (RocksHandles h = RocksHandles.open(dir.resolve("db"))) {
      WriteJournal j = journal(h);
      byte[] big = new byte[1 << 20];
      long appended = 0;
      for (int i = 0; appended < WriteJournal.APPLY_BYTES; i++) { // the last one starts the apply
        PendingBatch p = new PendingBatch();
        p.put(h.data.getID(), b("big" + i), big);
        byte[] batch = p.toBytes();
        appended += batch.length;
        append(j, batch);
        j.maybeApply();
      }
      long covered = generation;
      append(j, put(h, "later", "x")); // not part of the apply in flight
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        j.maybeApply();
        return j.applies() == 1;
      });
      assertThat(released.get()).isEqualTo(covered);
      assertThat(h.db.get(h.data, b("big0"))).hasSize(1 << 20);
      assertThat(get(h, "later")).isNull();
      assertThat(j.pending()).isTrue();
      j.applyAll();
      assertThat(get(h, "later")).isEqualTo("x");
      assertThat(released.get()).isEqualTo(generation);
      j.close();
    }
  }

  /**
   * Records applied on the caller's thread stay until the main database is on disk; trim (SAVE,
   * after the main database's flush) deletes them.
   */
  @Test
  void recordsAppliedWithoutSyncStayUntilTrim() throws Exception {
    try (RocksHandles h = RocksHandles.open(dir.resolve("db"))) {
      WriteJournal j = journal(h);
      for (int i = 0; i < 5; i++) append(j, put(h, "k" + i, "v" + i));
      j.applyAll();
      assertThat(get(h, "k4")).isEqualTo("v4");
      assertThat(j.recordsForTesting()).as("kept: the apply was not synced").isEqualTo(5);
      h.db.syncWal();
      j.trim();
      assertThat(j.recordsForTesting()).isZero();
      append(j, put(h, "k5", "v5"));
      assertThat(j.recordsForTesting()).isEqualTo(1);
      j.close();
    }
    try (RocksHandles h = RocksHandles.open(dir.resolve("db"))) {
      journal(h).close();
      assertThat(get(h, "k5")).isEqualTo("v5");
      assertThat(get(h, "k0")).isEqualTo("v0");
    }
  }

  /**
   * A crash between an apply and the deletion of its journal records leaves them in the journal;
   * the database's marker says they were applied, so opening does not apply them again (here a
   * second apply would bring back an overwritten value).
   */
  @Test
  void recordsAtOrBelowTheDatabasesMarkerAreNotAppliedAgain() throws Exception {
    List<byte[]> batches = new ArrayList<>();
    try (RocksHandles h = RocksHandles.open(dir.resolve("db"))) {
      WriteJournal j = journal(h);
      batches.add(put(h, "k", "old"));
      batches.add(put(h, "k", "new"));
      for (byte[] batch : batches) append(j, batch);
      j.applyAll();
      j.close();
    }
    try (Options o = new Options(); RocksDB raw = RocksDB.open(o, dir.resolve("journal").toString())) {
      byte[] seq1 = new byte[8];
      KeyCodec.putLong(seq1, 0, 1);
      raw.put(seq1, batches.get(0)); // record 1 back, as if its deletion had been lost
    }
    try (RocksHandles h = RocksHandles.open(dir.resolve("db"))) {
      journal(h).close();
      assertThat(get(h, "k")).isEqualTo("new");
    }
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
