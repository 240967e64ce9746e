package io.kvstore.replication;

import io.kvstore.core.store.Store;
import io.kvstore.core.store.StoredValue;
import io.kvstore.core.store.ValueType;
import io.kvstore.persistence.rdb.RdbEntry;
import io.kvstore.persistence.rdb.RdbException;
import io.kvstore.persistence.rdb.RdbReader;
import io.kvstore.persistence.rdb.RdbSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link Datasets} for a store that holds one dataset (a memory store): a load is staged in
 * memory on the loader thread (so a truncated or corrupt RDB never touches the current data)
 * and installed by clearing and rewriting the store on the engine thread, committed as one batch
 * with the replication metadata; a snapshot is a copy taken on the engine thread.
 */
final class StagedDatasets implements Datasets {
  private static final int PAGE = 1024;

  private final Store store;
  private final Runnable touchAllWatched;

  StagedDatasets(Store store, Runnable touchAllWatched) {
    this.store = store;
    this.touchAllWatched = touchAllWatched;
  }

  @Override
  public Snapshot snapshot() {
    store.commit();
    List<RdbEntry> all = new ArrayList<>();
    for (int db = 0; db < store.databases(); db++) {
      byte[] after = null;
      while (true) {
        List<byte[]> keys = store.keysAfter(db, after, PAGE);
        if (keys.isEmpty()) break;
        for (byte[] k : keys) {
          StoredValue v = store.get(db, k);
          if (v == null) continue;
          if (v.type() != ValueType.STRING) {
            throw new IllegalStateException("cannot snapshot a " + v.type().typeName() + " value");
          }
          all.add(new RdbEntry(db, k, v.data(), v.expireAt()));
        }
        after = keys.get(keys.size() - 1);
      }
    }
    // every database is named, so the RDB lists them all as the store has them
    RdbSource source = RdbSource.of(all);
    int databases = store.databases();
    RdbSource full = new RdbSource() {
      @Override
      public int databases() {
        return databases;
      }

      @Override
      public long size(int db) {
        return db < source.databases() ? source.size(db) : 0;
      }

      @Override
      public long expires(int db) {
        return db < source.databases() ? source.expires(db) : 0;
      }

      @Override
      public io.kvstore.persistence.rdb.RdbEntryIterator entries(int db) {
        return db < source.databases() ? source.entries(db)
            : io.kvstore.persistence.rdb.RdbEntryIterator.of(List.of());
      }
    };
    return new Snapshot() {
      @Override
      public RdbSource source() {
        return full;
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public Load beginLoad() {
    return new StagedLoad();
  }

  /** The keys of one RDB, held in memory until installed. */
  private final class StagedLoad implements Load {
    private final int databases = store.databases();
    private volatile List<RdbEntry> entries;
    private volatile Map<String, byte[]> meta;
    private volatile boolean done;

    @Override
    public long load(InputStream in, Map<String, byte[]> meta) throws IOException {
      List<RdbEntry> out = new ArrayList<>();
      new RdbReader(in).read((db, key, value, expireAt) -> {
        if (db >= databases) {
          throw new RdbException("the RDB has a key in database " + db + " but the store has "
              + databases + " databases");
        }
        out.add(new RdbEntry(db, key, value, expireAt));
      });
      this.meta = meta;
      this.entries = out;
      return out.size();
    }

    @Override
    public void install() {
      if (done || entries == null) throw new IllegalStateException("nothing loaded to install");
      done = true;
      touchAllWatched.run();
      for (int db = 0; db < databases; db++) store.clear(db);
      for (RdbEntry e : entries) store.put(e.db(), e.key(), StoredValue.string(e.value(), e.expireAt()));
      Datasets.writeMeta(store, meta);
      entries = null;
    }

    @Override
    public boolean abort() {
      if (done) return false;
      done = true;
      entries = null;
      return true;
    }
  }
}
