package io.kvstore.persistence;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Where a commit is made durable before its keys reach the main database: a write-back journal.
 *
 * <p><b>Why.</b> Inserting each written key into RocksDB's memtable (a skiplist search whose
 * levels are cache misses) was most of the engine thread's time under writes. Here a commit is
 * one record in a small second RocksDB instance ({@code <store>/journal}, its own WAL, synced as
 * the store's policy says): the commit's whole serialized batch is the value, so a commit costs
 * one insert whatever its size. The batches reach the main database later, several commits at
 * a time, sorted and coalesced ({@link BatchOrder#merged}: a key written ten times is written
 * once), on the {@code rocksstore-apply} thread once {@link #APPLY_BYTES} have gathered, or at
 * once through {@link #applyAll}.
 *
 * <p><b>Exactly once.</b> An apply writes, in the same atomic batch as the data, the sequence
 * number of the last journal record it contains ({@link KeyCodec#META_JOURNAL_APPLIED}).
 * Journal records are deleted only once the main database's WAL holding their apply is fsynced
 * (a background apply syncs its own write; one made by {@link #applyAll} on the caller's thread
 * does not, and its records wait for the next sync). Opening replays the records above the
 * number, each atomically with it, so every committed batch reaches the main database exactly
 * once whatever the crash (applying one twice would break the expiry index, whose single
 * deletes must each meet exactly one put).
 *
 * <p><b>Visibility.</b> Until its batch is applied a key's value exists only in the journal and
 * in the store's value cache, where it stays pinned; the journal hands each applied commit's
 * cache generation to {@code release}. Ordered reads, snapshots and checkpoints call
 * {@link #applyAll} first.
 *
 * <p><b>Threading.</b> The store's thread calls everything; the apply job runs on the single
 * apply thread and touches only its own (immutable) batches and the databases.
 */
final class WriteJournal implements AutoCloseable {
  /** Unapplied commit bytes that start an apply in the background. */
  static final long APPLY_BYTES = 8L << 20;
  /** Unapplied bytes (in flight included) at which a commit waits for the apply in flight. */
  static final long MAX_UNAPPLIED_BYTES = 64L << 20;
  private static final long WRITE_BUFFER_BYTES = 16L << 20;

  private final RocksDB journal;
  private final Options options;
  private final RocksHandles main;
  private final boolean[] lastWins;
  private final LongConsumer release;
  private final ExecutorService applier;
  private final WriteOptions syncWrite = new WriteOptions().setSync(true);
  private final WriteOptions plainWrite = new WriteOptions();
  /** The last journal record written, and the first one not yet deleted. */
  private long lastSeq;
  private long firstKept;
  /** Applied without an fsync (by applyAll): the last such record, and the bytes since a sync. */
  private long unsyncedLast;
  private long unsyncedBytes;
  /**
   * Commits not yet handed to an apply: journal records {@code [openFirst, lastSeq]} (none when
   * {@code openFirst > lastSeq}), and their bytes. The batches themselves are read back from the
   * journal by the apply, so they do not stay on the Java heap meanwhile.
   */
  private long openFirst;
  private long openBytes;
  private long openGeneration;
  private Chunk inFlight;
  private Future<?> inFlightDone;
  /** After a failed background apply, the next one waits until this many bytes are open. */
  private long retryAt = APPLY_BYTES;
  private long applies;

  /** Consecutive commits applied together: journal records {@code [first, last]}. */
  private record Chunk(long first, long last, long generation, long bytes) {}

  private WriteJournal(RocksDB journal, Options options, RocksHandles main, boolean[] lastWins,
      LongConsumer release, long lastSeq) {
    this.journal = journal;
    this.options = options;
    this.main = main;
    this.lastWins = lastWins;
    this.release = release;
    this.lastSeq = lastSeq;
    this.firstKept = lastSeq + 1;
    this.openFirst = lastSeq + 1;
    this.applier = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "rocksstore-apply");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Opens (or creates) the journal in {@code dir} and replays into {@code main} what a crash left
   * unapplied. {@code lastWins}: the column family ids whose records may be coalesced (see
   * {@link BatchOrder#merged}); {@code release}: called with a commit's cache generation once
   * the main database has its writes.
   */
  static WriteJournal open(Path dir, RocksHandles main, boolean[] lastWins, LongConsumer release)
      throws RocksDBException {
    Options options = new Options()
        .setCreateIfMissing(true)
        .setWriteBufferSize(WRITE_BUFFER_BYTES)
        .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
        .setMaxLogFileSize(1L << 20)
        .setKeepLogFileNum(2);
    RocksDB journal = null;
    try {
      journal = RocksDB.open(options, dir.toString());
      long last = replay(journal, main);
      return new WriteJournal(journal, options, main, lastWins, release, last);
    } catch (RocksDBException | RuntimeException e) {
      if (journal != null) journal.close();
      options.close();
      throw e;
    }
  }

  /** Applies the records above the main database's marker; returns the last sequence number. */
  private static long replay(RocksDB journal, RocksHandles main) throws RocksDBException {
    byte[] marker = main.db.get(main.meta, KeyCodec.META_JOURNAL_APPLIED);
    long applied = marker == null ? 0 : KeyCodec.getLong(marker, 0);
    long last = applied;
    try (WriteOptions wo = new WriteOptions(); RocksIterator it = journal.newIterator()) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        long seq = KeyCodec.getLong(it.key(), 0);
        last = Math.max(last, seq);
        if (seq <= applied) continue;
        try (WriteBatch wb = new WriteBatch(it.value())) {
          wb.put(main.meta, KeyCodec.META_JOURNAL_APPLIED, seqKey(seq));
          main.db.write(wo, wb);
        }
      }
      it.status();
      main.db.syncWal();
      journal.deleteRange(seqKey(0), seqKey(last + 1));
      journal.syncWal();
    }
    return last;
  }

  /**
   * Makes a commit durable as the journal's next record ({@code batch[0, length)}: a serialized
   * write batch, header included; not kept), then takes its cache generation from
   * {@code seal}. Throws, having recorded nothing, if the journal write fails.
   */
  void append(WriteOptions wo, byte[] batch, int length, LongSupplier seal)
      throws RocksDBException {
    byte[] key = seqKey(lastSeq + 1);
    journal.put(wo, key, 0, key.length, batch, 0, length);
    lastSeq++;
    openBytes += length;
    openGeneration = seal.getAsLong();
  }

  /** Starts a background apply when enough has gathered; waits first if too much has. */
  void maybeApply() {
    poll(false);
    if (openBytes < retryAt) return;
    if (inFlight != null) {
      if (openBytes + inFlight.bytes() < MAX_UNAPPLIED_BYTES) return;
      poll(true);
      if (openBytes < retryAt) return;
    }
    Chunk c = takeOpen();
    inFlight = c;
    inFlightDone = applier.submit(() -> {
      apply(c, syncWrite);
      return null;
    });
  }

  /** True when some commit has not reached the main database yet. */
  boolean pending() {
    return openFirst <= lastSeq || inFlight != null;
  }

  /** Every commit so far reaches the main database before this returns (on this thread). */
  void applyAll() {
    poll(true);
    if (openFirst > lastSeq) return;
    Chunk c = takeOpen();
    try {
      apply(c, plainWrite);
    } catch (RocksDBException | RuntimeException e) {
      putBack(c);
      throw e instanceof RocksDBException r
          ? new RocksStoreException("applying journaled writes failed: " + r.getMessage(), r)
          : (RuntimeException) e;
    }
    finish(c, false);
  }

  /**
   * After every commit has been applied ({@link #applyAll}) and the main database made durable
   * (flushed, or its WAL synced): deletes every journal record and flushes the journal, so its
   * WAL files are released as well (SAVE).
   */
  void trim() throws RocksDBException {
    if (pending()) throw new IllegalStateException("journal records not applied yet");
    unsyncedBytes = 0;
    delete(lastSeq);
    try (FlushOptions fo = new FlushOptions().setWaitForFlush(true)) {
      journal.flush(fo);
    }
  }

  /** Background applies completed so far (for tests and diagnostics). */
  long applies() {
    return applies;
  }

  /** Test hook: the records the journal holds now, applied or not. */
  int recordsForTesting() {
    int n = 0;
    try (RocksIterator it = journal.newIterator()) {
      for (it.seekToFirst(); it.isValid(); it.next()) n++;
    }
    return n;
  }

  /** Test hook: the apply thread waits for {@code gate} before its next job (applyAll does not). */
  void holdAppliesForTesting(CountDownLatch gate) {
    applier.submit(() -> {
      gate.await();
      return null;
    });
  }

  /** Fsyncs the journal's WAL (the store's everysec thread; safe alongside writes). */
  void syncWal() throws RocksDBException {
    journal.syncWal();
  }

  /** Bytes of the journal's SST files. */
  long diskBytes() throws RocksDBException {
    return journal.getLongProperty("rocksdb.total-sst-files-size");
  }

  /**
   * Stops the apply thread (after {@link #applyAll}, by the caller), deletes what was applied
   * once the main database's WAL is synced, and closes the journal.
   */
  @Override
  public void close() {
    applier.shutdown();
    try {
      if (!applier.awaitTermination(1, TimeUnit.MINUTES)) System.err.println("journal apply did not stop");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (unsyncedBytes > 0) syncAndDelete(unsyncedLast);
    try {
      journal.syncWal();
    } catch (RocksDBException e) {
      System.err.println("journal WAL sync failed on close: " + e);
    }
    journal.close();
    options.close();
    syncWrite.close();
    plainWrite.close();
  }

  /** Writes a chunk into the main database with its marker (any thread). */
  private void apply(Chunk c, WriteOptions wo) throws RocksDBException {
    byte[] merged = BatchOrder.merged(read(c), lastWins);
    try (WriteBatch wb = new WriteBatch(merged)) {
      wb.put(main.meta, KeyCodec.META_JOURNAL_APPLIED, seqKey(c.last()));
      main.db.write(wo, wb);
    }
  }

  /** The apply in flight has ended (waiting for it if {@code wait}): finish or put it back. */
  private void poll(boolean wait) {
    if (inFlight == null || (!wait && !inFlightDone.isDone())) return;
    Chunk c = inFlight;
    inFlight = null;
    boolean interrupted = false;
    while (true) {
      try {
        inFlightDone.get();
        finish(c, true);
        retryAt = APPLY_BYTES;
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (ExecutionException e) {
        System.err.println("applying journaled writes failed (kept, retried later): " + e.getCause());
        putBack(c);
        retryAt = openBytes + APPLY_BYTES;
        break;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }

  /**
   * The main database has the chunk: release its cache pins, and delete its journal records
   * (and earlier ones) once that is on disk: at once if the apply was fsynced, else after
   * {@link #APPLY_BYTES} of such applies, with one fsync for all.
   */
  private void finish(Chunk c, boolean synced) {
    applies++;
    release.accept(c.generation());
    if (synced) {
      unsyncedBytes = 0;
      delete(c.last());
      return;
    }
    unsyncedLast = c.last();
    unsyncedBytes += c.bytes();
    if (unsyncedBytes >= APPLY_BYTES) syncAndDelete(c.last());
  }

  private void syncAndDelete(long last) {
    try {
      main.db.syncWal();
      unsyncedBytes = 0;
      delete(last);
    } catch (RocksDBException e) {
      System.err.println("syncing applied journal records failed (kept): " + e);
    }
  }

  /** Deletes the journal records up to {@code last}, whose apply is on disk. */
  private void delete(long last) {
    if (last < firstKept) return;
    try {
      journal.deleteRange(plainWrite, seqKey(firstKept), seqKey(last + 1));
      firstKept = last + 1;
    } catch (RocksDBException e) {
      // harmless: open skips records at or below the main database's marker
      System.err.println("deleting applied journal records failed: " + e);
    }
  }

  /** The chunk's batches, read back from the journal in order (any thread). */
  private List<byte[]> read(Chunk c) throws RocksDBException {
    List<byte[]> batches = new ArrayList<>((int) Math.min(c.last() - c.first() + 1, 1 << 16));
    try (Slice end = new Slice(seqKey(c.last() + 1));
        ReadOptions ro = new ReadOptions().setIterateUpperBound(end);
        RocksIterator it = journal.newIterator(ro)) {
      for (it.seek(seqKey(c.first())); it.isValid(); it.next()) batches.add(it.value());
      it.status();
    }
    if (batches.size() != c.last() - c.first() + 1) {
      throw new IllegalStateException("journal records " + c.first() + ".." + c.last() + " missing");
    }
    return batches;
  }

  private Chunk takeOpen() {
    Chunk c = new Chunk(openFirst, lastSeq, openGeneration, openBytes);
    openFirst = lastSeq + 1;
    openBytes = 0;
    return c;
  }

  /** A failed chunk goes back in front of what was committed since. */
  private void putBack(Chunk c) {
    openFirst = c.first();
    openBytes += c.bytes();
    if (openGeneration < c.generation()) openGeneration = c.generation();
  }

  private static byte[] seqKey(long seq) {
    byte[] k = new byte[8];
    KeyCodec.putLong(k, 0, seq);
    return k;
  }
}
