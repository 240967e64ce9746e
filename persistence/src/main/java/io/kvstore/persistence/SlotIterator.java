package io.kvstore.persistence;

import java.util.Arrays;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatchWithIndex;

/**
 * An iterator over one slot of one column family, with the uncommitted writes (an indexed
 * batch, or null when there are none) merged over the database (so pending puts appear and pending deletes hide keys). Keys are the stored keys,
 * slot prefix included. It owns its native objects; close it.
 */
final class SlotIterator implements AutoCloseable {
  private final int slot;
  private final Slice upper;
  private final ReadOptions ro;
  private final RocksIterator it;

  SlotIterator(RocksDB db, WriteBatchWithIndex batch, ColumnFamilyHandle cf, int slot) {
    this.slot = slot;
    this.upper = new Slice(KeyCodec.slotEnd(slot));
    this.ro = new ReadOptions().setIterateUpperBound(upper);
    this.it = batch == null ? db.newIterator(cf, ro) : batch.newIteratorWithBase(cf, db.newIterator(cf, ro), ro);
  }

  void first() {
    it.seek(KeyCodec.slotPrefix(slot));
  }

  void seek(byte[] key) {
    it.seek(key);
  }

  /** Positions at the last key before every key greater than all keys starting with {@code prefix}. */
  void lastWithPrefix(byte[] prefix) {
    byte[] end = successor(prefix);
    it.seekForPrev(end);
    while (it.isValid() && Arrays.compareUnsigned(it.key(), end) >= 0) it.prev();
  }

  void next() {
    it.next();
  }

  boolean valid() {
    return it.isValid() && KeyCodec.inSlot(it.key(), slot);
  }

  byte[] key() {
    return it.key();
  }

  /** The smallest byte string greater than every string starting with {@code prefix}. */
  static byte[] successor(byte[] prefix) {
    for (int i = prefix.length - 1; i >= 0; i--) {
      if (prefix[i] != (byte) 0xff) {
        byte[] s = Arrays.copyOf(prefix, i + 1);
        s[i]++;
        return s;
      }
    }
    throw new IllegalArgumentException("prefix has no successor");
  }

  @Override
  public void close() {
    it.close();
    ro.close();
    upper.close();
  }
}
