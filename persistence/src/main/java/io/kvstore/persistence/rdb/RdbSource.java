package io.kvstore.persistence.rdb;

import java.util.ArrayList;
import java.util.List;

/**
 * A dataset to write as RDB: per logical database, its key and expiry counts (the RESIZEDB
 * hint) and its entries. A store snapshot is one; {@link #of} makes one from a list.
 */
public interface RdbSource {
  /** The number of logical databases; {@link #entries} is asked for each of 0..n-1. */
  int databases();

  long size(int db);

  long expires(int db);

  /** The database's entries (each with this db number), in the order they are to be written. */
  RdbEntryIterator entries(int db);

  /** A source over in-memory entries, keeping their order within each database. */
  static RdbSource of(List<RdbEntry> entries) {
    int n = 0;
    for (RdbEntry e : entries) {
      if (e.db() < 0) throw new IllegalArgumentException("negative database " + e.db());
      n = Math.max(n, e.db() + 1);
    }
    List<List<RdbEntry>> byDb = new ArrayList<>();
    for (int i = 0; i < n; i++) byDb.add(new ArrayList<>());
    for (RdbEntry e : entries) byDb.get(e.db()).add(e);
    return new RdbSource() {
      @Override
      public int databases() {
        return byDb.size();
      }

      @Override
      public long size(int db) {
        return byDb.get(db).size();
      }

      @Override
      public long expires(int db) {
        return byDb.get(db).stream().filter(RdbEntry::hasExpiry).count();
      }

      @Override
      public RdbEntryIterator entries(int db) {
        return RdbEntryIterator.of(byDb.get(db));
      }
    };
  }
}
