package io.kvstore.persistence;

import io.kvstore.core.store.StoredValue;
import io.kvstore.persistence.rdb.RdbLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A dataset being built beside the current one (a full resync), in its own directory, invisible
 * to the node until {@link DatasetStore#install} makes it current in one atomic step.
 *
 * <p>Filled by one loader thread: key by key ({@link #put}, committed in chunks so memory stays
 * bounded, plus {@link #putMeta} for the replication id and offset, which thereby switch
 * together with the data), or from an RDB stream through {@link RdbLoader} ({@link #loadRdb}).
 * Writes go to RocksDB without fsync (a dataset is durable only once {@link #finish} has
 * flushed it, and useless before it is complete anyway). {@link #finish} may run on the loader
 * thread, so the engine thread's {@code install} finds nothing left to flush.
 *
 * <p>States: loading → finished → installed, or aborted from loading or finished. Every method
 * holds this object's lock, so {@link #abort} (or closing the {@link DatasetStore}) from another
 * thread waits for the call in progress and later calls fail with {@link IllegalStateException}
 * instead of touching a closed database. A {@link #loadRdb} call lasts as long as its stream:
 * to cancel one, close the stream (the loader then fails and aborts) rather than wait.
 */
public final class DatasetLoad {
  /** Where a load stands. */
  public enum State { LOADING, FINISHED, INSTALLED, ABORTED }

  /** Writes buffered before {@link #put} commits on its own. */
  static final int CHUNK_KEYS = 4096;
  static final long CHUNK_BYTES = 16L << 20;

  private final DatasetStore owner;
  private final int number;
  private final Path dir;
  private final RocksStore store;
  private State state = State.LOADING;
  private int pendingKeys;
  private long pendingBytes;

  DatasetLoad(DatasetStore owner, int number, Path dir, RocksStore store) {
    this.owner = owner;
    this.number = number;
    this.dir = dir;
    this.store = store;
  }

  /** The dataset number ({@code dataset-<n>}). */
  public int number() {
    return number;
  }

  public Path directory() {
    return dir;
  }

  public synchronized State state() {
    return state;
  }

  public synchronized int databases() {
    readable();
    return store.databases();
  }

  /** Stores a string value ({@code expireAt} unix ms or {@link StoredValue#NO_EXPIRY}). */
  public void put(int db, byte[] key, byte[] value, long expireAt) {
    put(db, key, StoredValue.string(value, expireAt));
  }

  public synchronized void put(int db, byte[] key, StoredValue value) {
    loading();
    store.put(db, key, value);
    pendingBytes += key.length + value.data().length;
    if (++pendingKeys >= CHUNK_KEYS || pendingBytes >= CHUNK_BYTES) commit();
  }

  /** Metadata of the new dataset (replication id, offset...), current once it is installed. */
  public synchronized void putMeta(String name, byte[] value) {
    loading();
    store.putMeta(name, value);
  }

  public synchronized StoredValue get(int db, byte[] key) {
    readable();
    return store.get(db, key);
  }

  public synchronized byte[] getMeta(String name) {
    readable();
    return store.getMeta(name);
  }

  public synchronized long size(int db) {
    readable();
    return store.size(db);
  }

  /** Writes what is buffered to RocksDB (not fsynced). */
  public synchronized void commit() {
    loading();
    store.commit();
    pendingKeys = 0;
    pendingBytes = 0;
  }

  /**
   * Reads an RDB stream into this load with {@code loader}'s checks and chunking (see
   * {@link RdbLoader#loadInto}); the load must be empty of keys. On failure the load holds part
   * of the stream: abort it.
   */
  public synchronized RdbLoader.Result loadRdb(RdbLoader loader, InputStream in,
      RdbLoader.Finisher finisher) throws IOException {
    loading();
    RdbLoader.Result r = loader.loadInto(in, store, finisher);
    pendingKeys = 0;
    pendingBytes = 0;
    return r;
  }

  /**
   * Ends the load: commits, flushes every memtable and syncs the WAL, so the dataset is durable
   * and complete on disk. No writes after it. Idempotent.
   */
  public synchronized void finish() {
    if (state == State.FINISHED) return;
    loading();
    store.flush();
    state = State.FINISHED;
  }

  /**
   * Discards the load: closes its database and deletes its directory (what cannot be deleted
   * now is deleted at the next open). False when it was already installed or aborted.
   */
  public synchronized boolean abort() {
    if (state == State.INSTALLED || state == State.ABORTED) return false;
    state = State.ABORTED;
    try {
      store.close();
    } finally {
      DatasetFiles.deleteTree(dir);
      owner.forget(this);
    }
    return true;
  }

  /**
   * For {@link DatasetStore#install}: finishes the load, runs {@code switchPointer} (the load
   * cannot be aborted meanwhile), and hands over the database. If {@code switchPointer} throws,
   * the load stays finished and abortable.
   */
  synchronized RocksStore install(DatasetStore by, Runnable switchPointer) {
    if (by != owner) throw new IllegalArgumentException("dataset load of another store");
    finish();
    switchPointer.run();
    state = State.INSTALLED;
    return store;
  }

  private void loading() {
    if (state != State.LOADING) {
      throw new IllegalStateException(describe() + (state == State.FINISHED ? " (no more writes)" : ""));
    }
  }

  private void readable() {
    if (state != State.LOADING && state != State.FINISHED) {
      throw new IllegalStateException(describe());
    }
  }

  private String describe() {
    return "dataset load " + number + " is " + state.name().toLowerCase(Locale.ROOT);
  }
}
