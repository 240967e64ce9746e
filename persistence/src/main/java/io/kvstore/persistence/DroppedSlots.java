package io.kvstore.persistence;

import java.util.ArrayList;
import java.util.List;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Deletes the contents of slots that FLUSHDB/FLUSHALL detached from their database. The commit
 * that detaches a slot also writes a marker for it; after the commit one range delete per column
 * family removes the contents and the marker together. If the process dies in between, the
 * marker is still there and {@link #collectMarked} finishes the job at the next open.
 */
final class DroppedSlots {
  private DroppedSlots() {}

  /** Deletes every slot that has a marker (at open). */
  static void collectMarked(RocksHandles h) throws RocksDBException {
    List<Integer> slots = new ArrayList<>();
    try (RocksIterator it = h.db.newIterator(h.meta)) {
      for (it.seek(KeyCodec.META_GC_PREFIX); it.isValid() && KeyCodec.isGcKey(it.key()); it.next()) {
        slots.add(KeyCodec.gcSlot(it.key()));
      }
    }
    drop(h, slots);
  }

  /** Range-deletes the slots' data and expiry entries and their markers, in one write. */
  static void drop(RocksHandles h, List<Integer> slots) throws RocksDBException {
    if (slots.isEmpty()) return;
    try (WriteBatch wb = new WriteBatch(); WriteOptions wo = new WriteOptions()) {
      for (int slot : slots) {
        wb.deleteRange(h.data, KeyCodec.slotPrefix(slot), KeyCodec.slotEnd(slot));
        wb.deleteRange(h.expires, KeyCodec.slotPrefix(slot), KeyCodec.slotEnd(slot));
        wb.delete(h.meta, KeyCodec.gcKey(slot));
      }
      h.db.write(wo, wb);
    }
  }
}
