package io.kvstore.persistence;

import io.kvstore.core.store.Store;
import io.kvstore.core.store.StoredValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * The node's store: the current dataset, a {@link RocksStore}, plus the ability to build a
 * complete replacement beside it and switch to it atomically, as a Redis replica does in a full
 * resync (it keeps serving the old data meanwhile, {@code replica-serve-stale-data}).
 *
 * <p><b>Layout.</b> Datasets live in {@code dir/dataset-<n>/}, each a RocksStore directory; the
 * file {@code dir/CURRENT-DATASET} names the current one and is only ever replaced atomically
 * (see {@link DatasetFiles}). {@link #open} reads it (a new directory gets {@code dataset-1}),
 * opens that dataset and deletes every other {@code dataset-*} entry: the remains of a load that
 * never finished, or of an old dataset whose deletion was interrupted. A store an older version
 * kept directly in {@code dir} is moved into {@code dataset-1} first
 * ({@link LegacyStoreMigration}). A lock file keeps a second opener out.
 *
 * <p><b>Switching.</b> {@link #beginLoad} opens {@code dataset-<n+1>}, which a loader thread
 * fills ({@link DatasetLoad}), metadata included. {@link #install} then (1) finishes the load:
 * commit, memtable flush and WAL sync, so the new dataset is complete and durable; (2) fsyncs
 * {@code dir} and replaces the pointer; (3) delegates to the new RocksStore with the current
 * sync policy; (4) closes the old one and deletes its directory. A crash before step 2 restarts
 * on the old dataset (the partial new one is deleted); a crash after it restarts on the new one
 * (the old one is deleted). At no point is the only complete dataset deleted, and because the
 * replication id and offset are metadata of a dataset they always match the data.
 *
 * <p><b>Threading.</b> As {@link Store}: the engine thread uses it and calls {@link #install};
 * a load is filled on its own thread. {@link #setSyncPolicy}, {@link #syncPolicy} and
 * {@link #beginLoad} may be called from any thread. Installing closes the old RocksStore, so
 * its {@link StoreSnapshot}s stop being readable (a replica drops its own replicas on a full
 * resync anyway), and {@link #current()} must be asked again afterwards.
 */
public final class DatasetStore implements Store {
  static final String LOCK_FILE = "CURRENT-DATASET.lock";

  private final Path dir;
  private final int databases;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final AtomicInteger nextNumber;
  private final Set<DatasetLoad> loads = ConcurrentHashMap.newKeySet();
  private volatile RocksStore current;
  private volatile int currentNumber;
  private volatile SyncPolicy policy;
  private volatile boolean closed;
  /** The value cache size for the current dataset and the ones installed later (engine thread). */
  private long cacheBytes = RocksStore.DEFAULT_CACHE_BYTES;

  private DatasetStore(Path dir, int databases, FileChannel lockChannel, FileLock lock,
      RocksStore current, int currentNumber, int nextNumber, SyncPolicy policy) {
    this.dir = dir;
    this.databases = databases;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.current = current;
    this.currentNumber = currentNumber;
    this.nextNumber = new AtomicInteger(nextNumber);
    this.policy = policy;
  }

  /**
   * Opens (or creates) the datasets in {@code dir}; see the class comment.
   *
   * @throws IllegalStateException if the directory is already open, in this or another process,
   *     or its pointer is missing or names a dataset that is not there
   */
  public static DatasetStore open(Path dir, int databases, SyncPolicy policy) {
    if (databases < 1) throw new IllegalArgumentException("databases must be >= 1");
    FileChannel ch = null;
    FileLock lock = null;
    try {
      Files.createDirectories(dir);
      ch = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new IllegalStateException("store directory " + dir
            + " is already open (in this or another process)");
      }
      return openLocked(dir, databases, policy, ch, lock);
    } catch (IOException | RuntimeException e) {
      release(ch, lock);
      if (e instanceof RuntimeException r) throw r;
      throw new UncheckedIOException("cannot open store in " + dir, (IOException) e);
    }
  }

  private static DatasetStore openLocked(Path dir, int databases, SyncPolicy policy,
      FileChannel ch, FileLock lock) {
    DatasetFiles.deleteQuietly(dir.resolve(DatasetFiles.POINTER_TMP));
    int n = DatasetFiles.readPointer(dir);
    if (n < 0) {
      if (LegacyStoreMigration.present(dir)) {
        LegacyStoreMigration.migrate(dir, databases);
      } else {
        List<Path> stray = DatasetFiles.datasetEntries(dir);
        if (!stray.isEmpty()) {
          throw new IllegalStateException(dir + " holds " + stray.size() + " dataset director"
              + (stray.size() == 1 ? "y" : "ies") + " but no " + DatasetFiles.POINTER
              + " file naming the current one; restore it (its content is e.g. 'dataset-1')");
        }
        DatasetFiles.writePointer(dir, 1);
      }
      n = 1;
    }
    if (LegacyStoreMigration.present(dir)) LegacyStoreMigration.removeOldFiles(dir);
    Path cur = dir.resolve(DatasetFiles.name(n));
    if (n != 1 && !Files.isDirectory(cur)) {
      throw new IllegalStateException(DatasetFiles.POINTER + " in " + dir + " names "
          + DatasetFiles.name(n) + ", which does not exist");
    }
    int highest = n;
    for (Path p : DatasetFiles.datasetEntries(dir)) {
      if (p.equals(cur)) continue;
      String name = p.getFileName().toString();
      int m = DatasetFiles.number(name.endsWith(".tmp") ? name.substring(0, name.length() - 4) : name);
      highest = Math.max(highest, m);
      DatasetFiles.deleteTree(p);
    }
    RocksStore store = RocksStore.open(cur, databases, policy);
    return new DatasetStore(dir, databases, ch, lock, store, n, highest + 1, policy);
  }

  /** The directory holding the datasets. */
  public Path directory() {
    return dir;
  }

  /** The current dataset's RocksStore; changes at {@link #install}. */
  public RocksStore current() {
    return current;
  }

  /** The current dataset's number ({@code dataset-<n>}). */
  public int currentDataset() {
    return currentNumber;
  }

  /**
   * Starts building a new dataset in {@code dataset-<n+1>}; see {@link DatasetLoad}. The new
   * database has as many databases as this store and syncs nothing until it is finished.
   */
  public DatasetLoad beginLoad() {
    checkOpen();
    int n = nextNumber.getAndIncrement();
    Path d = dir.resolve(DatasetFiles.name(n));
    if (!DatasetFiles.deleteTree(d)) throw new IllegalStateException("cannot clear " + d);
    RocksStore rocks = RocksStore.open(d, databases, SyncPolicy.NO);
    rocks.setCacheBytes(0); // a load writes each key once: caching it would only cost memory
    DatasetLoad load = new DatasetLoad(this, n, d, rocks);
    loads.add(load);
    if (closed) {
      load.abort();
      checkOpen();
    }
    return load;
  }

  /**
   * Makes {@code load} the current dataset (engine thread): finishes it if its loader did not,
   * switches the pointer, delegates to it, then closes the old dataset and deletes it. Writes
   * made to the old dataset since the load began are gone with it, as in Redis. If this throws
   * before the pointer moved, the old dataset stays current and the load may be aborted.
   */
  public void install(DatasetLoad load) {
    checkOpen();
    RocksStore next = load.install(this, () -> {
      try {
        DatasetFiles.fsyncDirectory(dir); // the new dataset's own directory entry
      } catch (IOException e) {
        throw new UncheckedIOException("cannot fsync " + dir, e);
      }
      DatasetFiles.writePointer(dir, load.number());
    });
    loads.remove(load);
    RocksStore old = current;
    int oldNumber = currentNumber;
    current = next;
    currentNumber = load.number();
    next.setSyncPolicy(policy); // after publishing: a concurrent setSyncPolicy reaches one or the other
    next.setCacheBytes(cacheBytes);
    try {
      old.close();
    } catch (RuntimeException e) {
      System.err.println("closing the replaced dataset failed: " + e);
    }
    DatasetFiles.deleteTree(dir.resolve(DatasetFiles.name(oldNumber)));
  }

  /** Loads begun and neither installed nor aborted. */
  public int pendingLoads() {
    return loads.size();
  }

  void forget(DatasetLoad load) {
    loads.remove(load);
  }

  public SyncPolicy syncPolicy() {
    return policy;
  }

  /** Changes the fsync policy of the current dataset and of any installed later; any thread. */
  public void setSyncPolicy(SyncPolicy policy) {
    this.policy = policy;
    current.setSyncPolicy(policy);
  }

  /**
   * Sets the value cache size of the current dataset and of those installed later; same thread
   * as the other store calls. See {@link RocksStore#setCacheBytes}.
   */
  public void setCacheBytes(long bytes) {
    cacheBytes = bytes;
    current.setCacheBytes(bytes);
  }

  /** See {@link RocksStore#flush()}. */
  public void flush() {
    current.flush();
  }

  /** See {@link RocksStore#checkpoint(Path)}. */
  public Path checkpoint(Path target) {
    return current.checkpoint(target);
  }

  /** See {@link RocksStore#snapshot()}; it stops being readable once another dataset is installed. */
  public StoreSnapshot snapshot() {
    return current.snapshot();
  }

  @Override
  public int databases() {
    return current.databases();
  }

  @Override
  public StoredValue get(int db, byte[] key) {
    return current.get(db, key);
  }

  @Override
  public void put(int db, byte[] key, StoredValue value) {
    current.put(db, key, value);
  }

  @Override
  public boolean remove(int db, byte[] key) {
    return current.remove(db, key);
  }

  @Override
  public long size(int db) {
    return current.size(db);
  }

  @Override
  public long expiresCount(int db) {
    return current.expiresCount(db);
  }

  @Override
  public void clear(int db) {
    current.clear(db);
  }

  @Override
  public void swap(int a, int b) {
    current.swap(a, b);
  }

  @Override
  public List<byte[]> keysAfter(int db, byte[] after, int count) {
    return current.keysAfter(db, after, count);
  }

  @Override
  public byte[] randomKey(int db, RandomGenerator random) {
    return current.randomKey(db, random);
  }

  @Override
  public List<byte[]> expiredKeys(int db, long nowMs, int limit) {
    return current.expiredKeys(db, nowMs, limit);
  }

  @Override
  public byte[] getMeta(String name) {
    return current.getMeta(name);
  }

  @Override
  public void putMeta(String name, byte[] value) {
    current.putMeta(name, value);
  }

  @Override
  public void commit() {
    current.commit();
  }

  @Override
  public long diskBytes() {
    return current.diskBytes();
  }

  /**
   * Aborts pending loads (waiting for a load call in progress), closes the current dataset and
   * releases the directory. Idempotent.
   */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    for (DatasetLoad l : List.copyOf(loads)) {
      try {
        l.abort();
      } catch (RuntimeException e) {
        System.err.println("aborting dataset load " + l.number() + " failed: " + e);
      }
    }
    try {
      current.close();
    } finally {
      release(lockChannel, lock);
    }
  }

  private void checkOpen() {
    if (closed) throw new IllegalStateException("store is closed");
  }

  private static void release(FileChannel ch, FileLock lock) {
    try {
      if (lock != null) lock.release();
      if (ch != null) ch.close();
    } catch (IOException e) {
      System.err.println("releasing the store lock failed: " + e);
    }
  }
}
