package io.kvstore.replication;

import io.kvstore.persistence.DatasetLoad;
import io.kvstore.persistence.DatasetStore;
import io.kvstore.persistence.StoreSnapshot;
import io.kvstore.persistence.SyncPolicy;
import io.kvstore.persistence.rdb.RdbLoader;
import io.kvstore.persistence.rdb.RdbSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * {@link Datasets} over the node's {@link DatasetStore}: a full resync's snapshot is a RocksDB
 * snapshot of the current dataset; a load builds a whole new dataset on disk beside it (bounded
 * memory whatever its size) with the replication metadata inside it, and installing it switches
 * datasets atomically and durably. A replica keeps keys that are already expired in the RDB:
 * its master deletes them and streams the DELs.
 */
final class DatasetStoreDatasets implements Datasets {
  private static final int CHUNK_KEYS = 4096;

  private final DatasetStore store;
  private final Runnable touchAllWatched;

  DatasetStoreDatasets(DatasetStore store, Runnable touchAllWatched) {
    this.store = store;
    this.touchAllWatched = touchAllWatched;
  }

  @Override
  public Snapshot snapshot() {
    StoreSnapshot s = store.snapshot();
    return new Snapshot() {
      @Override
      public RdbSource source() {
        return s;
      }

      @Override
      public void close() {
        s.close();
      }
    };
  }

  @Override
  public Load beginLoad() {
    DatasetLoad load = store.beginLoad();
    return new Load() {
      @Override
      public long load(InputStream in, Map<String, byte[]> meta) throws IOException {
        RdbLoader loader = new RdbLoader(store.databases(), SyncPolicy.NO, CHUNK_KEYS);
        return load.loadRdb(loader, in, (rocks, info) -> meta.forEach(rocks::putMeta)).keysLoaded();
      }

      @Override
      public void install() {
        touchAllWatched.run();
        store.install(load);
      }

      @Override
      public boolean abort() {
        return load.abort();
      }
    };
  }
}
