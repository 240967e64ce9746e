package io.kvstore.replication;

import io.kvstore.core.store.Store;
import io.kvstore.persistence.rdb.RdbSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The dataset operations a full resync needs from the node's storage, on both sides.
 *
 * <p>Master side: {@link #snapshot()} (engine thread) commits what is pending and returns a
 * point-in-time view that another thread turns into an RDB while the engine keeps writing.
 *
 * <p>Replica side: {@link #beginLoad()} (engine thread) starts a replacement dataset that a
 * loader thread fills from the master's RDB ({@link Load#load}); the node keeps serving its
 * previous dataset meanwhile, and {@link Load#install()} (engine thread) switches to the new one
 * in one step, with the replication metadata written alongside it. A failed or abandoned load
 * is {@link Load#abort() aborted} and leaves the current dataset untouched.
 */
public interface Datasets {

  /** A consistent view of every database; readable from any thread until closed. */
  interface Snapshot extends AutoCloseable {
    RdbSource source();

    @Override
    void close();
  }

  /** A dataset being built beside the current one. */
  interface Load {
    /**
     * Loader thread: reads one RDB from {@code in} (up to its last byte) into the new dataset,
     * with {@code meta} (replication id, offset, stream db) to become current together with it.
     * Returns the number of keys loaded.
     */
    long load(InputStream in, Map<String, byte[]> meta) throws IOException;

    /** Engine thread: makes the loaded dataset the node's current one. */
    void install();

    /** Any thread: discards the load; false when it was already installed or aborted. */
    boolean abort();
  }

  Snapshot snapshot();

  Load beginLoad();

  /**
   * For a store that holds one dataset (a memory store): snapshots copy the data on the engine
   * thread, loads are staged in memory and installed by rewriting the store.
   */
  static Datasets of(Store store, Runnable touchAllWatched) {
    return new StagedDatasets(store, touchAllWatched);
  }

  /** The node's dataset store: RocksDB snapshots, loads built on disk and switched atomically. */
  static Datasets of(io.kvstore.persistence.DatasetStore store, Runnable touchAllWatched) {
    return new DatasetStoreDatasets(store, touchAllWatched);
  }

  /** Meta values as the store keeps them. */
  static void writeMeta(Store store, Map<String, byte[]> meta) {
    for (Map.Entry<String, byte[]> e : meta.entrySet()) store.putMeta(e.getKey(), e.getValue());
  }
}
