package io.kvstore.persistence.rdb;

import java.util.Iterator;

/** Entries of one database, possibly backed by native resources: close it. */
public interface RdbEntryIterator extends Iterator<RdbEntry>, AutoCloseable {
  @Override
  void close();

  /** An iterator over an in-memory collection. */
  static RdbEntryIterator of(Iterable<RdbEntry> entries) {
    Iterator<RdbEntry> it = entries.iterator();
    return new RdbEntryIterator() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public RdbEntry next() {
        return it.next();
      }

      @Override
      public void close() {}
    };
  }
}
