package io.kvstore.persistence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatchWithIndex;

/**
 * The store's ordered reads of one slot: pages of keys (SCAN, KEYS), random keys and the due
 * part of the expiry index.
 *
 * <p>Why a class of its own: an ordered read cannot be answered from the value cache, so it
 * needs the database to hold every committed write ({@link WriteJournal#applyAll} first) and
 * the writes not committed yet merged in, through an indexed copy of the pending batch. That
 * copy is built only when such a read happens, and only from the records added since the
 * previous one, so workloads without ordered reads never pay for it.
 *
 * <p>Same thread as the store.
 */
final class OrderedReads implements AutoCloseable {
  private final RocksHandles h;
  private final PendingBatch batch;
  private final WriteJournal journal;
  private final ColumnFamilyHandle[] familiesById;
  private WriteBatchWithIndex index;
  private boolean indexUsed;

  OrderedReads(RocksHandles h, PendingBatch batch, WriteJournal journal, ColumnFamilyHandle[] familiesById) {
    this.h = h;
    this.batch = batch;
    this.journal = journal;
    this.familiesById = familiesById;
  }

  /** Up to {@code count} keys of the slot after {@code after} (null: from the first), in order. */
  List<byte[]> keysAfter(int slot, byte[] after, int count) {
    List<byte[]> out = new ArrayList<>(Math.min(count, 1024));
    if (count <= 0) return out;
    try (SlotIterator it = iterator(h.data, slot)) {
      if (after == null) {
        it.first();
      } else {
        byte[] from = KeyCodec.dataKey(slot, after);
        it.seek(from);
        if (it.valid() && Arrays.equals(it.key(), from)) it.next();
      }
      for (; it.valid() && out.size() < count; it.next()) out.add(KeyCodec.userKey(it.key()));
    }
    return out;
  }

  /** See {@link RandomKeys}: a seek-based random descent, a few dozen seeks at most. */
  byte[] randomKey(int slot, RandomGenerator random) {
    try (SlotIterator it = iterator(h.data, slot)) {
      it.first();
      if (!it.valid()) return null;
      return KeyCodec.userKey(RandomKeys.pick(it, KeyCodec.slotPrefix(slot), random));
    }
  }

  /** Up to {@code limit} keys of the slot whose expiry is at or before {@code nowMs}, soonest first. */
  List<byte[]> expiredKeys(int slot, long nowMs, int limit) {
    List<byte[]> out = new ArrayList<>();
    if (limit <= 0) return out;
    try (SlotIterator it = iterator(h.expires, slot)) {
      for (it.first(); it.valid() && out.size() < limit; it.next()) {
        byte[] k = it.key();
        if (KeyCodec.expiresAt(k) > nowMs) break;
        out.add(KeyCodec.expiresUserKey(k));
      }
    }
    return out;
  }

  /** The pending batch was committed or dropped: the indexed copy starts over. */
  void batchCleared() {
    if (indexUsed) {
      index.clear();
      indexUsed = false;
    }
  }

  @Override
  public void close() {
    if (index != null) index.close();
  }

  /** An ordered view of one slot: the database, with the pending writes merged when there are any. */
  private SlotIterator iterator(ColumnFamilyHandle cf, int slot) {
    journal.applyAll();
    if (batch.count() == 0) return new SlotIterator(h.db, null, cf, slot);
    if (index == null) index = new WriteBatchWithIndex(true);
    indexUsed = true;
    try {
      batch.indexInto(index, familiesById);
    } catch (RocksDBException e) {
      throw new RocksStoreException("indexing pending writes failed: " + e.getMessage(), e);
    }
    return new SlotIterator(h.db, index, cf, slot);
  }
}
