package io.kvstore.persistence;

import io.kvstore.core.store.Store;
import io.kvstore.core.store.StoredValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.random.RandomGenerator;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.FlushOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The RocksDB keyspace.
 *
 * <p><b>Layout.</b> Three column families (see {@link KeyCodec}): {@code data} holds
 * [slot][key] → [type][expireAt][payload]; {@code expires} is an index [slot][expireAt][key] so
 * the active-expiry cycle reads due keys in time order without scanning; {@code meta} holds node
 * metadata, the per-database key/expiry counters and the logical → physical slot table. Because
 * a database is addressed through its slot, SWAPDB swaps two table entries and FLUSHDB points
 * the database at a fresh slot and range-deletes the old one: both O(1), neither rewrites data.
 *
 * <p><b>Visibility and atomicity.</b> Writes are serialized into a {@link PendingBatch} (RocksDB's
 * batch format, built in Java: no native call per write) and their values kept in the
 * {@link ValueCache}, pinned until the database has them, so a point read sees them at once;
 * ordered reads (pages, random keys, the expiry index) first let every committed batch reach
 * the database ({@link WriteJournal#applyAll}) and merge an indexed copy of the uncommitted
 * writes, built only when such a read happens. {@link #commit()} makes the batch durable as one
 * record of the {@link WriteJournal} (fsynced in that same call under {@link SyncPolicy#ALWAYS}),
 * which later applies it to the database sorted and coalesced with the batches of other
 * commits; the counters and slot table changed since the last commit go into the same batch, so
 * data, metadata and counters are durable together or not at all, and are exact after a
 * restart or kill -9. Under {@link SyncPolicy#WAL_OFF} (no journal: the caller has its own log)
 * the batch goes straight to the database, sorted by key ({@link BatchOrder}). A failed commit discards the batch
 * and restores the in-memory counters: the store is back at the last commit. The expiry index
 * uses single deletes (each entry is put once and deleted once), so the usual queue pattern of
 * keys expiring in order leaves no tombstones once flushed.
 *
 * <p><b>Value cache.</b> Besides the pending writes, the {@link ValueCache} keeps recently read
 * and committed values (and keys known to be absent) up to {@code kvstore-cache-size} bytes, so
 * point reads and the read-before-write of exact counters mostly avoid a native call. Whenever
 * pending writes are discarded the cache is cleared with them.
 *
 * <p><b>Durability.</b> Every commit reaches the journal's WAL file (the OS) before it returns,
 * whatever the policy: killing the process loses no committed write. The policy decides what a
 * machine crash can lose: nothing (ALWAYS), about a second (EVERYSEC: a daemon thread syncs the
 * journal's WAL every second), or what the OS had not written back (NO).
 *
 * <p><b>Threading.</b> As {@link Store}: one engine thread; {@link #flush()} and
 * {@link #checkpoint} commit pending writes first, so they belong on that thread too. Only
 * {@link #setSyncPolicy} may be called from any thread, and a {@link StoreSnapshot} (taken on
 * the engine thread by {@link #snapshot}) may be read from any thread.
 */
public final class RocksStore implements Store {
  private static final int FORMAT_VERSION = 1;
  private static final byte[] EMPTY = new byte[0];
  /** The journal's directory inside the store's (see WriteJournal). */
  static final String JOURNAL_DIR = "journal";
  /** Default size of the value cache (the {@code kvstore-cache-size} default). */
  public static final long DEFAULT_CACHE_BYTES = 128L << 20;

  private final Path dir;
  private final RocksHandles h;
  private final Layout layout;
  private final PendingBatch batch = new PendingBatch();
  /** Node metadata written since the last commit (getMeta reads it first). */
  private final Map<String, byte[]> pendingMeta = new HashMap<>();
  private final OrderedReads ordered;
  /** Column family ids, read once (each ColumnFamilyHandle.getID() is a native call). */
  private final int dataId;
  private final int expiresId;
  private final int metaId;
  private final ReadOptions readOptions = new ReadOptions();
  private final CommitSync sync;
  private final ValueCache cache;
  private final WriteJournal journal;
  /** Open snapshots, released before the database closes (they may be read on other threads). */
  private final Set<StoreSnapshot> snapshots = ConcurrentHashMap.newKeySet();
  private boolean dropSlotsAfterCommit = true;
  private boolean closed;
  /** A write failed half-way since the last commit: the batch was dropped; commit() reports it. */
  private RocksStoreException abandoned;

  private RocksStore(Path dir, RocksHandles h, Layout layout, SyncPolicy policy, ValueCache cache,
      WriteJournal journal) {
    this.dir = dir;
    this.h = h;
    this.layout = layout;
    this.cache = cache;
    this.journal = journal;
    this.sync = new CommitSync(policy, journal::syncWal);
    int maxId = 0;
    for (ColumnFamilyHandle cf : h.families()) maxId = Math.max(maxId, cf.getID());
    ColumnFamilyHandle[] familiesById = new ColumnFamilyHandle[maxId + 1];
    for (ColumnFamilyHandle cf : h.families()) familiesById[cf.getID()] = cf;
    this.ordered = new OrderedReads(h, batch, journal, familiesById);
    this.dataId = h.data.getID();
    this.expiresId = h.expires.getID();
    this.metaId = h.meta.getID();
  }

  /**
   * Opens (or creates) the store in {@code dir} with {@code databases} logical databases.
   *
   * @throws IllegalStateException if the directory is already open, in this or another process
   */
  public static RocksStore open(Path dir, int databases, SyncPolicy policy) {
    if (databases < 1) throw new IllegalArgumentException("databases must be >= 1");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RocksHandles h;
    try {
      h = RocksHandles.open(dir);
    } catch (RocksDBException e) {
      String msg = String.valueOf(e.getMessage());
      if (msg.contains("LOCK") || msg.contains("lock")) {
        throw new IllegalStateException("store directory " + dir
            + " is already open (in this or another process)", e);
      }
      throw new RocksStoreException("cannot open store in " + dir + ": " + msg, e);
    }
    WriteJournal journal = null;
    try {
      checkFormat(h);
      ValueCache cache = new ValueCache(DEFAULT_CACHE_BYTES);
      journal = WriteJournal.open(dir.resolve(JOURNAL_DIR), h, h.lastWinsFamilies(), cache::release);
      DroppedSlots.collectMarked(h);
      RocksStore store = new RocksStore(dir, h, Layout.load(h.db, h.meta, databases), policy,
          cache, journal);
      store.sync.start();
      return store;
    } catch (RocksDBException | RuntimeException e) {
      if (journal != null) journal.close();
      h.close();
      if (e instanceof RuntimeException r) throw r;
      throw new RocksStoreException("cannot open store in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void checkFormat(RocksHandles h) throws RocksDBException {
    byte[] v = h.db.get(h.meta, KeyCodec.META_FORMAT);
    if (v == null) {
      byte[] f = new byte[4];
      KeyCodec.putInt(f, 0, FORMAT_VERSION);
      h.db.put(h.meta, KeyCodec.META_FORMAT, f);
    } else if (KeyCodec.getInt(v, 0) != FORMAT_VERSION) {
      throw new IllegalStateException("unsupported store format " + KeyCodec.getInt(v, 0));
    }
  }

  public Path directory() {
    return dir;
  }

  public SyncPolicy syncPolicy() {
    return sync.policy();
  }

  /** Changes the fsync policy (CONFIG SET appendfsync); safe from any thread. */
  public void setSyncPolicy(SyncPolicy policy) {
    sync.setPolicy(policy);
  }

  /** WAL fsyncs done by the EVERYSEC thread so far (any thread may read it). */
  public long backgroundSyncs() {
    return sync.backgroundSyncs();
  }

  /**
   * Sets the value cache's size in bytes (0 disables it; shrinking evicts at once). Same thread
   * as the other store calls.
   */
  public void setCacheBytes(long bytes) {
    cache.resize(bytes);
  }

  public long cacheBytes() {
    return cache.capacity();
  }

  /** Approximate bytes the value cache holds now, and its entries, hits and misses. */
  public long cacheUsedBytes() {
    return cache.bytes();
  }

  public int cacheEntries() {
    return cache.entries();
  }

  public long cacheHits() {
    return cache.hits();
  }

  public long cacheMisses() {
    return cache.misses();
  }

  @Override
  public int databases() {
    return layout.databases();
  }

  @Override
  public StoredValue get(int db, byte[] key) {
    return current(layout.slot(db), key);
  }

  /**
   * What {@code key} holds now in {@code slot} (pending writes included), or null: from the
   * cache (which has every pending write), else from the database, then cached.
   */
  private StoredValue current(int slot, byte[] key) {
    checkOpen();
    StoredValue c = cache.get(slot, key);
    if (c != null) return c == ValueCache.ABSENT ? null : c;
    StoredValue v = committedValue(slot, key);
    cache.fill(slot, key, v);
    return v;
  }

  /** The committed value of a key that is not pending (not in the cache), or null. */
  private StoredValue committedValue(int slot, byte[] key) {
    byte[] raw = dbGet(h.data, KeyCodec.dataKey(slot, key));
    return raw == null ? null : KeyCodec.decodeValue(raw);
  }

  @Override
  public void put(int db, byte[] key, StoredValue value) {
    checkOpen();
    int slot = layout.slot(db);
    // one cache lookup: its entry is what the write below updates
    ValueCache.Entry cached = cache.lookup(slot, key);
    StoredValue old = cached != null ? cached.value() : committedValue(slot, key);
    if (old == ValueCache.ABSENT) old = null;
    long oldAt = expireAtOf(db, old);
    if (!batch.fits(2L * key.length + value.data().length + 64)) throw abandon("put", "batch too large");
    batch.putValue(dataId, slot, key, value.type().tag(), value.expireAt(), value.data());
    if (oldAt != value.expireAt()) {
      if (oldAt != StoredValue.NO_EXPIRY) batch.singleDelete(expiresId, KeyCodec.expiresKey(slot, oldAt, key));
      if (value.hasExpiry()) batch.put(expiresId, KeyCodec.expiresKey(slot, value.expireAt(), key), EMPTY);
    }
    cache.write(cached, slot, key, value);
    long expDelta = (value.hasExpiry() ? 1 : 0) - (oldAt != StoredValue.NO_EXPIRY ? 1 : 0);
    layout.add(db, old == null ? 1 : 0, expDelta);
  }

  @Override
  public boolean remove(int db, byte[] key) {
    checkOpen();
    int slot = layout.slot(db);
    ValueCache.Entry cached = cache.lookup(slot, key);
    StoredValue old = cached != null ? cached.value() : committedValue(slot, key);
    if (old == null || old == ValueCache.ABSENT) {
      if (cached == null) cache.fill(slot, key, null);
      return false;
    }
    long oldAt = expireAtOf(db, old);
    if (!batch.fits(2L * key.length + 64)) throw abandon("remove", "batch too large");
    batch.delete(dataId, KeyCodec.dataKey(slot, key));
    if (oldAt != StoredValue.NO_EXPIRY) {
      batch.singleDelete(expiresId, KeyCodec.expiresKey(slot, oldAt, key));
    }
    cache.write(cached, slot, key, null);
    layout.add(db, -1, oldAt != StoredValue.NO_EXPIRY ? -1 : 0);
    return true;
  }

  /**
   * The expiry of a database's value (null: none). The exact expiry counter answers without
   * touching the value when no key of the database has one (reading it is a cache miss per write).
   */
  private long expireAtOf(int db, StoredValue v) {
    return v == null || layout.expires(db) == 0 ? StoredValue.NO_EXPIRY : v.expireAt();
  }

  @Override
  public long size(int db) {
    return layout.size(db);
  }

  @Override
  public long expiresCount(int db) {
    return layout.expires(db);
  }

  /**
   * Empties a database in O(1): it moves to a fresh slot, and the old slot is marked (in the same
   * batch) for deletion; after the commit one range delete per family removes it, and a crash in
   * between is finished at the next open.
   */
  @Override
  public void clear(int db) {
    if (layout.size(db) == 0 && layout.expires(db) == 0) return;
    int old = layout.reassign(db);
    cache.dropSlot(old);
    batch.put(metaId, KeyCodec.gcKey(old), EMPTY);
    batch.delete(metaId, KeyCodec.countersKey(old));
  }

  @Override
  public void swap(int a, int b) {
    if (a != b) layout.swap(a, b);
  }

  @Override
  public List<byte[]> keysAfter(int db, byte[] after, int count) {
    checkOpen();
    return ordered.keysAfter(layout.slot(db), after, count);
  }

  @Override
  public byte[] randomKey(int db, RandomGenerator random) {
    checkOpen();
    return layout.size(db) == 0 ? null : ordered.randomKey(layout.slot(db), random);
  }

  @Override
  public List<byte[]> expiredKeys(int db, long nowMs, int limit) {
    checkOpen();
    if (layout.expires(db) == 0) return new ArrayList<>();
    return ordered.expiredKeys(layout.slot(db), nowMs, limit);
  }

  @Override
  public byte[] getMeta(String name) {
    checkOpen();
    byte[] pending = pendingMeta.get(name);
    if (pending != null) return pending.clone();
    journal.applyAll();
    return dbGet(h.meta, KeyCodec.userMetaKey(name));
  }

  @Override
  public void putMeta(String name, byte[] value) {
    checkOpen();
    if (!batch.fits(name.length() * 4L + value.length + 64)) throw abandon("putMeta", "batch too large");
    byte[] v = value.clone();
    batch.put(metaId, KeyCodec.userMetaKey(name), v);
    pendingMeta.put(name, v);
  }

  @Override
  public void commit() {
    checkOpen();
    if (abandoned != null) {
      // writes made after the failure are dropped too: their replies become errors as well
      RocksStoreException e = abandoned;
      abandoned = null;
      discardPending();
      throw e;
    }
    if (batch.count() == 0 && !layout.dirty()) return;
    SyncPolicy p = sync.policy();
    try {
      layout.writeDirty(batch, metaId);
      WriteOptions wo = sync.writeOptions(p);
      if (p == SyncPolicy.WAL_OFF) {
        journal.applyAll(); // keeps the order of anything journaled under another policy
        try (WriteBatch wb = batch.toSortedWriteBatch()) {
          h.db.write(wo, wb);
        }
        cache.committed();
      } else {
        journal.append(wo, batch.serialized(), batch.bytes(), cache::seal);
      }
    } catch (RocksDBException | RuntimeException e) {
      discardPending();
      throw e instanceof RocksDBException r ? failure("commit", r) : (RuntimeException) e;
    }
    clearPending();
    sync.committed(p);
    List<Integer> dropped = layout.committed();
    if (dropped.isEmpty() || !dropSlotsAfterCommit) {
      journal.maybeApply();
      return;
    }
    try {
      journal.applyAll(); // the dropped slots' writes land before their range delete
      DroppedSlots.drop(h, dropped);
    } catch (RocksDBException | RocksStoreException e) {
      System.err.println("deleting cleared database contents failed (retried at next open): " + e);
    }
  }

  /**
   * SAVE: commits pending writes, applies the journal, flushes every memtable to SST files,
   * syncs the WAL and empties the journal.
   */
  public void flush() {
    commit();
    journal.applyAll();
    try (FlushOptions fo = new FlushOptions().setWaitForFlush(true)) {
      h.db.flush(fo, h.families());
      h.db.syncWal();
      journal.trim();
    } catch (RocksDBException e) {
      throw failure("flush", e);
    }
  }

  /**
   * Commits pending writes and writes a RocksDB checkpoint (hard-linked SST files plus what the
   * memtables hold) to {@code target}, which must not exist yet. {@link #open} on the target
   * gives a store with the committed data and metadata as of this call.
   */
  public Path checkpoint(Path target) {
    commit();
    journal.applyAll();
    try (Checkpoint cp = Checkpoint.create(h.db)) {
      cp.createCheckpoint(target.toString());
      return target;
    } catch (RocksDBException e) {
      throw failure("checkpoint", e);
    }
  }

  /**
   * Commits pending writes, then returns a consistent view of the committed store (all
   * databases, counters and metadata as of now) that other threads may read while this one keeps
   * writing. See {@link StoreSnapshot}; close it when done (closing the store closes it too).
   */
  public StoreSnapshot snapshot() {
    commit();
    journal.applyAll();
    int n = layout.databases();
    int[] slots = new int[n];
    long[] size = new long[n];
    long[] expires = new long[n];
    for (int db = 0; db < n; db++) {
      slots[db] = layout.slot(db);
      size[db] = layout.size(db);
      expires[db] = layout.expires(db);
    }
    StoreSnapshot s = new StoreSnapshot(h, slots, size, expires, snapshots::remove);
    snapshots.add(s);
    return s;
  }

  /** Snapshots taken and not closed yet. */
  public int openSnapshots() {
    return snapshots.size();
  }

  @Override
  public long diskBytes() {
    long total = 0;
    try {
      for (ColumnFamilyHandle cf : h.families()) {
        total += h.db.getLongProperty(cf, "rocksdb.total-sst-files-size");
      }
      total += journal.diskBytes();
    } catch (RocksDBException e) {
      return 0;
    }
    return total;
  }

  /**
   * Commits what is pending, stops the sync thread, syncs the WAL and releases every handle.
   * Idempotent.
   */
  @Override
  public void close() {
    if (closed) return;
    try {
      commit();
    } catch (RuntimeException e) {
      System.err.println("final commit failed on close: " + e);
    }
    try {
      journal.applyAll();
    } catch (RuntimeException e) {
      System.err.println("applying the journal failed on close (done at next open): " + e);
    }
    closed = true;
    for (StoreSnapshot s : snapshots) s.invalidate();
    snapshots.clear();
    sync.close();
    journal.close();
    try {
      h.db.syncWal();
    } catch (RocksDBException e) {
      System.err.println("WAL sync failed on close: " + e);
    }
    ordered.close();
    readOptions.close();
    h.close();
  }

  /** Test hook: makes commits fail inside RocksDB (sync requested with the WAL disabled). */
  void failCommitsForTesting(boolean fail) {
    sync.failForTesting(fail);
  }

  /** Test hook: caps the pending batch's size (0 = no cap) so adding a write to it fails. */
  void limitBatchBytesForTesting(long maxBytes) {
    batch.setMaxBytes(maxBytes);
  }

  /** Test hook: leaves cleared slots to the next open, as a crash right after commit would. */
  void keepDroppedSlotsForTesting() {
    dropSlotsAfterCommit = false;
  }

  /** Test hook: every commit so far reaches the database now (see WriteJournal). */
  void applyJournalForTesting() {
    journal.applyAll();
  }

  /** Test hook: see {@link WriteJournal#holdAppliesForTesting}. */
  void holdJournalAppliesForTesting(CountDownLatch gate) {
    journal.holdAppliesForTesting(gate);
  }

  /** Test hook: every entry physically in the data family, all slots, O(n). */
  long rawDataEntriesForTesting() {
    journal.applyAll();
    long n = 0;
    try (RocksIterator it = h.db.newIterator(h.data)) {
      for (it.seekToFirst(); it.isValid(); it.next()) n++;
    }
    return n;
  }

  /** A committed value (the caller has checked that the key is not pending). */
  private byte[] dbGet(ColumnFamilyHandle cf, byte[] key) {
    try {
      return h.db.get(cf, readOptions, key);
    } catch (RocksDBException e) {
      throw failure("get", e);
    }
  }

  /** The pending writes are committed. */
  private void clearPending() {
    batch.clear();
    pendingMeta.clear();
    ordered.batchCleared();
  }

  /**
   * The pending writes are dropped: data, counters, slot table and cached values go back (the
   * cache is emptied, so what earlier commits left only in it must reach the database first).
   */
  private void discardPending() {
    clearPending();
    layout.rollback();
    try {
      journal.applyAll();
    } catch (RuntimeException e) {
      closed = true; // reads could not be answered correctly now; the next open replays the journal
      System.err.println("store closed: " + e);
      throw e;
    }
    cache.clear();
  }

  private void checkOpen() {
    if (closed) throw new IllegalStateException("store is closed");
  }

  /**
   * A write could not be added to the batch, which may now hold part of it: drop every change
   * since the last commit (so counters and data agree again) and make the next commit fail, so
   * the replies of the writes dropped with it are not acknowledgements.
   */
  private RocksStoreException abandon(String op, String why) {
    discardPending();
    abandoned = new RocksStoreException("writes since the last commit were discarded: " + op
        + " failed: " + why);
    return new RocksStoreException(op + " failed: " + why);
  }

  private RocksStoreException failure(String op, RocksDBException e) {
    return new RocksStoreException(op + " failed: " + e.getMessage(), e);
  }
}
