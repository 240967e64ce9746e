package io.kvstore.persistence;

import io.kvstore.core.store.StoredValue;
import io.kvstore.core.store.ValueType;
import io.kvstore.persistence.rdb.RdbEntry;
import io.kvstore.persistence.rdb.RdbEntryIterator;
import io.kvstore.persistence.rdb.RdbSource;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Snapshot;

/**
 * A frozen, committed view of the whole store, for a full resync: every logical database's
 * entries, their key and expiry counts, and the node metadata, all as of one instant.
 *
 * <p><b>Consistency.</b> {@link RocksStore#snapshot()} commits what is pending on the engine
 * thread, then takes a RocksDB snapshot and copies the logical-database → slot table and the
 * counters, which at that moment describe exactly the committed data. Later writes, SWAPDB,
 * FLUSHDB (whose range deletes respect snapshots) and compactions leave this view unchanged.
 * Expired keys not yet deleted are included, as Redis includes them in the RDB it sends; the
 * receiver applies expiry.
 *
 * <p><b>Threading.</b> Meant to be read from another thread while the engine goes on writing.
 * Every native call (an iterator fetching its next chunk of entries, a metadata read, closing)
 * holds this snapshot's lock, so closing the snapshot, or the store (which closes its
 * snapshots first), while a reader is busy waits for the current chunk and then makes further
 * reads fail with {@link IllegalStateException} instead of touching freed native memory.
 */
public final class StoreSnapshot implements RdbSource, AutoCloseable {
  private static final int CHUNK = 256;

  private final RocksHandles h;
  private final Snapshot snapshot;
  private final ReadOptions readOptions;
  private final int[] slots;
  private final long[] size;
  private final long[] expires;
  private final Consumer<StoreSnapshot> onClose;
  private final ReentrantLock lock = new ReentrantLock();
  private final Set<EntryIterator> iterators = new HashSet<>();
  private volatile boolean closed;
  private volatile String closedReason;

  StoreSnapshot(RocksHandles h, int[] slots, long[] size, long[] expires,
      Consumer<StoreSnapshot> onClose) {
    this.h = h;
    this.slots = slots;
    this.size = size;
    this.expires = expires;
    this.onClose = onClose;
    this.snapshot = h.db.getSnapshot();
    this.readOptions = new ReadOptions().setSnapshot(snapshot);
  }

  @Override
  public int databases() {
    return slots.length;
  }

  /** Keys in {@code db} at the snapshot (expired but undeleted ones included). */
  @Override
  public long size(int db) {
    check(db);
    return size[db];
  }

  @Override
  public long expires(int db) {
    check(db);
    return expires[db];
  }

  /** Keys of every database at the snapshot. */
  public long totalKeys() {
    long n = 0;
    for (long s : size) n += s;
    return n;
  }

  /** A node metadata value ({@link RocksStore#putMeta}) as committed at the snapshot, or null. */
  public byte[] meta(String name) {
    lock.lock();
    try {
      checkOpen();
      return h.db.get(h.meta, readOptions, KeyCodec.userMetaKey(name));
    } catch (RocksDBException e) {
      throw new RocksStoreException("snapshot meta read failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /** The entries of {@code db} in key order; close the iterator (or the snapshot) when done. */
  @Override
  public RdbEntryIterator entries(int db) {
    check(db);
    lock.lock();
    try {
      checkOpen();
      EntryIterator it = new EntryIterator(db, slots[db]);
      iterators.add(it);
      return it;
    } finally {
      lock.unlock();
    }
  }

  /** Releases the snapshot and any open iterators; idempotent, any thread. */
  @Override
  public void close() {
    release("snapshot closed");
    onClose.accept(this);
  }

  /** Called by the store before it closes. */
  void invalidate() {
    release("the store was closed");
  }

  private void release(String reason) {
    lock.lock();
    try {
      if (closed) return;
      closed = true;
      closedReason = reason;
      for (EntryIterator it : iterators) it.free();
      iterators.clear();
      readOptions.close();
      h.db.releaseSnapshot(snapshot);
    } finally {
      lock.unlock();
    }
  }

  private void checkOpen() {
    if (closed) throw new IllegalStateException("store snapshot is no longer readable: " + closedReason);
  }

  private void check(int db) {
    if (db < 0 || db >= slots.length) throw new IndexOutOfBoundsException("database " + db);
  }

  /** Reads one slot in chunks under the snapshot's lock; serves entries from the chunk. */
  private final class EntryIterator implements RdbEntryIterator {
    private final int db;
    private final int slot;
    private final Slice upper;
    private final ReadOptions ro;
    private final RocksIterator it;
    private final ArrayDeque<RdbEntry> chunk = new ArrayDeque<>();
    private boolean exhausted;
    private volatile boolean freed;

    EntryIterator(int db, int slot) {
      this.db = db;
      this.slot = slot;
      this.upper = new Slice(KeyCodec.slotEnd(slot));
      this.ro = new ReadOptions().setSnapshot(snapshot).setIterateUpperBound(upper)
          .setFillCache(false);
      this.it = h.db.newIterator(h.data, ro);
      it.seek(KeyCodec.slotPrefix(slot));
    }

    /** Throws, rather than ending early, once the iterator or its snapshot was closed. */
    @Override
    public boolean hasNext() {
      if (freed) throw new IllegalStateException(closed ? "store snapshot is no longer readable: "
          + closedReason : "iterator closed");
      if (chunk.isEmpty() && !exhausted) fill();
      return !chunk.isEmpty();
    }

    @Override
    public RdbEntry next() {
      if (!hasNext()) throw new NoSuchElementException();
      return chunk.poll();
    }

    private void fill() {
      lock.lock();
      try {
        checkOpen();
        for (int n = 0; n < CHUNK && it.isValid(); n++, it.next()) {
          byte[] k = it.key();
          if (!KeyCodec.inSlot(k, slot)) break;
          StoredValue v = KeyCodec.decodeValue(it.value());
          if (v.type() != ValueType.STRING) {
            throw new IllegalStateException("cannot snapshot a " + v.type().typeName() + " value");
          }
          chunk.add(new RdbEntry(db, KeyCodec.userKey(k), v.data(), v.expireAt()));
        }
        if (chunk.isEmpty()) {
          try {
            it.status();
          } catch (RocksDBException e) {
            throw new RocksStoreException("snapshot iteration failed: " + e.getMessage(), e);
          }
          exhausted = true;
        }
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void close() {
      lock.lock();
      try {
        free();
        iterators.remove(this);
      } finally {
        lock.unlock();
      }
    }

    void free() {
      if (freed) return;
      freed = true;
      chunk.clear();
      it.close();
      ro.close();
      upper.close();
    }
  }
}
