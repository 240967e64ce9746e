package io.kvstore.persistence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * The in-memory view of the metadata that makes SWAPDB and FLUSHDB cheap and DBSIZE exact: which
 * physical slot each logical database lives in, the next unused slot, and each database's key and
 * expiry counters.
 *
 * <p>Changes are made as writes happen (so reads before commit are right) and are written into
 * the commit's own batch ({@link #writeDirty}), so after a restart, even after kill -9, the
 * counters match the data exactly. The last committed state is kept so a failed commit can put
 * everything back ({@link #rollback}). Counters are stored per physical slot, so swapping two
 * databases only rewrites the slot table.
 */
final class Layout {
  private final int databases;
  private int[] slots;
  private int nextSlot;
  private long[] size;
  private long[] expires;
  private boolean[] countersDirty;
  private boolean layoutDirty;
  /** Slots dropped by clear() since the last commit; their contents are deleted after it. */
  private final List<Integer> dropped = new ArrayList<>();

  private int[] committedSlots;
  private int committedNextSlot;
  private long[] committedSize;
  private long[] committedExpires;

  private Layout(int databases, int[] slots, int nextSlot, long[] size, long[] expires) {
    this.databases = databases;
    this.slots = slots;
    this.nextSlot = nextSlot;
    this.size = size;
    this.expires = expires;
    this.countersDirty = new boolean[slots.length];
    snapshot();
  }

  /**
   * Reads the layout, creating slots for databases the directory does not have yet. Extra stored
   * databases (opened before with a larger {@code databases}) are kept, just not reachable. A new
   * or grown slot table is written (synced) before the store is used.
   */
  static Layout load(RocksDB db, ColumnFamilyHandle meta, int databases) throws RocksDBException {
    byte[] raw = db.get(meta, KeyCodec.META_LAYOUT);
    int[] stored = new int[0];
    int next = 0;
    if (raw != null) {
      next = KeyCodec.getInt(raw, 0);
      stored = new int[KeyCodec.getInt(raw, 4)];
      for (int i = 0; i < stored.length; i++) stored[i] = KeyCodec.getInt(raw, 8 + 4 * i);
    }
    int n = Math.max(stored.length, databases);
    int[] slots = new int[n];
    System.arraycopy(stored, 0, slots, 0, stored.length);
    for (int i = stored.length; i < n; i++) slots[i] = next++;
    long[] size = new long[n];
    long[] expires = new long[n];
    for (int i = 0; i < n; i++) {
      byte[] c = db.get(meta, KeyCodec.countersKey(slots[i]));
      if (c != null) {
        size[i] = KeyCodec.getLong(c, 0);
        expires[i] = KeyCodec.getLong(c, 8);
      }
    }
    if (stored.length != n) {
      try (WriteOptions sync = new WriteOptions().setSync(true)) {
        db.put(meta, sync, KeyCodec.META_LAYOUT, encode(next, slots));
      }
    }
    return new Layout(databases, slots, next, size, expires);
  }

  int databases() {
    return databases;
  }

  int slot(int db) {
    check(db);
    return slots[db];
  }

  long size(int db) {
    check(db);
    return size[db];
  }

  long expires(int db) {
    check(db);
    return expires[db];
  }

  void add(int db, long sizeDelta, long expiresDelta) {
    size[db] += sizeDelta;
    expires[db] += expiresDelta;
    countersDirty[db] = true;
  }

  void swap(int a, int b) {
    check(a);
    check(b);
    int s = slots[a];
    slots[a] = slots[b];
    slots[b] = s;
    long n = size[a];
    size[a] = size[b];
    size[b] = n;
    long e = expires[a];
    expires[a] = expires[b];
    expires[b] = e;
    boolean d = countersDirty[a];
    countersDirty[a] = countersDirty[b];
    countersDirty[b] = d;
    layoutDirty = true;
  }

  /** Points {@code db} at a fresh, empty slot; returns the old one, now to be dropped. */
  int reassign(int db) {
    check(db);
    if (nextSlot == Integer.MAX_VALUE) throw new IllegalStateException("database slots exhausted");
    int old = slots[db];
    slots[db] = nextSlot++;
    size[db] = 0;
    expires[db] = 0;
    countersDirty[db] = true;
    layoutDirty = true;
    dropped.add(old);
    return old;
  }

  boolean dirty() {
    if (layoutDirty) return true;
    for (boolean d : countersDirty) if (d) return true;
    return false;
  }

  /** Adds the changed slot table and counters to the commit's batch. */
  void writeDirty(PendingBatch batch, int meta) {
    if (layoutDirty) batch.put(meta, KeyCodec.META_LAYOUT, encode(nextSlot, slots));
    for (int i = 0; i < slots.length; i++) {
      if (countersDirty[i]) {
        batch.put(meta, KeyCodec.countersKey(slots[i]), KeyCodec.encodeCounters(size[i], expires[i]));
      }
    }
  }

  /** The commit succeeded: this is the new rollback point. Returns the slots to delete now. */
  List<Integer> committed() {
    snapshot();
    List<Integer> out = List.copyOf(dropped);
    dropped.clear();
    return out;
  }

  /** The commit failed: back to the last committed state. */
  void rollback() {
    slots = committedSlots.clone();
    nextSlot = committedNextSlot;
    size = committedSize.clone();
    expires = committedExpires.clone();
    dropped.clear();
    clearDirty();
  }

  private void snapshot() {
    committedSlots = slots.clone();
    committedNextSlot = nextSlot;
    committedSize = size.clone();
    committedExpires = expires.clone();
    clearDirty();
  }

  private static byte[] encode(int next, int[] slots) {
    byte[] v = new byte[8 + 4 * slots.length];
    KeyCodec.putInt(v, 0, next);
    KeyCodec.putInt(v, 4, slots.length);
    for (int i = 0; i < slots.length; i++) KeyCodec.putInt(v, 8 + 4 * i, slots[i]);
    return v;
  }

  private void clearDirty() {
    layoutDirty = false;
    Arrays.fill(countersDirty, false);
  }

  private void check(int db) {
    if (db < 0 || db >= databases) throw new IndexOutOfBoundsException("database " + db);
  }
}
