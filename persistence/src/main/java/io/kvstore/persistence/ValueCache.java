package io.kvstore.persistence;

import io.kvstore.core.store.StoredValue;
import io.kvstore.core.store.ValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The decoded values of recently used keys, and of every key written since the last commit, in
 * front of RocksDB: reads (and the read every write does to keep counters exact) mostly stay in
 * the JVM, and the pending batch never needs searching.
 *
 * <p>Entries are keyed by physical slot and user key and hold what a read returns now: a value
 * or {@link #ABSENT} (a key known not to exist, which is what a write of a new key reads).
 * <ul>
 *   <li>{@link #write} records a pending write: the entry is pinned (never evicted) until
 *       {@link #committed}, so a key missing from the cache is never pending and can be read
 *       from the database alone;
 *   <li>{@link #fill} records what a database read returned (committed state);
 *   <li>once the approximate size passes the capacity (0 = keep only pending entries), unpinned
 *       entries are evicted in CLOCK order (second chance: an entry used since the hand last
 *       passed is spared once), an approximation of least-recently-used that costs a flag write
 *       per access instead of relinking a list;
 *   <li>{@link #clear} forgets everything, pending entries included: the store calls it
 *       whenever it discards its pending writes.
 * </ul>
 * A chained hash table of small entries, so a lookup touches the bucket, the entry and the key
 * bytes. Values are shared, not copied: stored values are never mutated in place (as with the
 * in-memory store).
 *
 * <p>Engine thread only (or the single thread that owns the store); not thread-safe.
 */
final class ValueCache {
  /** Marks a key known to be absent. */
  static final StoredValue ABSENT = new StoredValue(ValueType.STRING, new byte[0], StoredValue.NO_EXPIRY);
  /** Rough per-entry cost (entry object, table slot, array and value headers) beyond the bytes. */
  private static final int ENTRY_OVERHEAD = 96;
  private static final int MIN_TABLE = 1024;
  /** Entries one read or write may examine when the cache is over its size... */
  private static final int SWEEP_BUDGET = 64;
  /** ...and buckets (empty ones are cheap: one array read each). */
  private static final int SWEEP_BUCKETS = 4096;

  private Entry[] table = new Entry[MIN_TABLE];
  private int size;
  private int hand;
  private final List<Entry> pinned = new ArrayList<>();
  private long capacity;
  private long bytes;
  private long hits;
  private long misses;

  ValueCache(long capacityBytes) {
    this.capacity = Math.max(0, capacityBytes);
  }

  long capacity() {
    return capacity;
  }

  /** Approximate bytes held. */
  long bytes() {
    return bytes;
  }

  int entries() {
    return size;
  }

  /** Entries written since the last commit. */
  int pending() {
    return pinned.size();
  }

  long hits() {
    return hits;
  }

  long misses() {
    return misses;
  }

  /** Changes the capacity (0 = only pending entries), evicting at once if it shrank. */
  void resize(long capacityBytes) {
    capacity = Math.max(0, capacityBytes);
    evict(Integer.MAX_VALUE);
  }

  /** The value, {@link #ABSENT}, or null when the key is not cached (then it is not pending). */
  StoredValue get(int slot, byte[] key) {
    Entry e = lookup(slot, key);
    return e == null ? null : e.value;
  }

  /** The entry of a key, or null (counted as a hit or a miss, and marked as used). */
  Entry lookup(int slot, byte[] key) {
    int h = hash(slot, key);
    for (Entry e = table[h & (table.length - 1)]; e != null; e = e.next) {
      if (e.hash == h && e.slot == slot && Arrays.equals(e.key, key)) {
        e.used = true;
        hits++;
        return e;
      }
    }
    misses++;
    return null;
  }

  /**
   * Records what a database read returned for a key that {@link #lookup} did not find (null:
   * absent); nothing when the cache keeps no read values (capacity 0).
   */
  void fill(int slot, byte[] key, StoredValue value) {
    if (capacity == 0) return;
    insert(slot, key, value == null ? ABSENT : value);
    evict(SWEEP_BUDGET);
  }

  /** Records a pending write (null: a delete), pinned until {@link #committed}. */
  void write(int slot, byte[] key, StoredValue value) {
    write(lookup(slot, key), slot, key, value);
  }

  /**
   * As {@link #write(int, byte[], StoredValue)} with the key's entry just returned by
   * {@link #lookup} (null if it had none), with no other cache call in between.
   */
  void write(Entry e, int slot, byte[] key, StoredValue value) {
    StoredValue v = value == null ? ABSENT : value;
    if (e == null) {
      e = insert(slot, key, v);
    } else {
      bytes += size(e.key, v) - size(e.key, e.value);
      e.value = v;
    }
    if (!e.pinned) {
      e.pinned = true;
      pinned.add(e);
    }
    evict(SWEEP_BUDGET);
  }

  /** The pending writes are committed: they become ordinary (evictable) entries. */
  void committed() {
    if (pinned.isEmpty()) return;
    for (Entry e : pinned) e.pinned = false;
    pinned.clear();
    evict(Integer.MAX_VALUE);
  }

  /** Drops every entry of a slot (a database that was emptied), pending ones included. */
  void dropSlot(int slot) {
    for (int i = 0; i < table.length; i++) {
      Entry prev = null;
      for (Entry e = table[i]; e != null; e = e.next) {
        if (e.slot == slot) {
          unlink(i, prev, e);
          e.pinned = false;
        } else {
          prev = e;
        }
      }
    }
    pinned.removeIf(e -> e.slot == slot);
  }

  /** Forgets everything, pending entries included. */
  void clear() {
    table = new Entry[MIN_TABLE];
    size = 0;
    hand = 0;
    bytes = 0;
    pinned.clear();
  }

  private Entry insert(int slot, byte[] key, StoredValue v) {
    Entry e = new Entry(hash(slot, key), slot, key.clone(), v);
    if (size >= table.length - (table.length >>> 2)) grow();
    int i = e.hash & (table.length - 1);
    e.next = table[i];
    table[i] = e;
    size++;
    bytes += size(e.key, v);
    return e;
  }

  /**
   * CLOCK sweep examining at most {@code budget} entries (and {@link #SWEEP_BUCKETS} buckets
   * when bounded; two full turns at most: the first clears "used" flags, the second evicts what
   * is left) until the size fits. Pinned entries stay, so while a
   * batch larger than the capacity is pending the cache is over it; the bounded sweeps of reads
   * and writes keep that cheap, and the commit's unbounded sweep brings it back under.
   */
  private void evict(int budget) {
    if (bytes <= capacity) return;
    long turns = 2L * table.length;
    long buckets = budget == Integer.MAX_VALUE ? turns : Math.min(turns, SWEEP_BUCKETS);
    int examined = 0;
    for (long visited = 0; visited < buckets && examined < budget && bytes > capacity; visited++) {
      int i = hand;
      hand = (hand + 1) & (table.length - 1);
      Entry prev = null;
      for (Entry e = table[i]; e != null; e = e.next) {
        examined++;
        if (e.pinned) {
          prev = e;
        } else if (e.used) {
          e.used = false;
          prev = e;
        } else {
          unlink(i, prev, e);
        }
      }
    }
  }

  private void unlink(int bucket, Entry prev, Entry e) {
    if (prev == null) table[bucket] = e.next;
    else prev.next = e.next;
    size--;
    bytes -= size(e.key, e.value);
  }

  private void grow() {
    Entry[] old = table;
    Entry[] t = new Entry[old.length * 2];
    for (Entry head : old) {
      for (Entry e = head; e != null; ) {
        Entry next = e.next;
        int i = e.hash & (t.length - 1);
        e.next = t[i];
        t[i] = e;
        e = next;
      }
    }
    table = t;
    hand = 0;
  }

  private static long size(byte[] key, StoredValue v) {
    return ENTRY_OVERHEAD + key.length + (v == ABSENT ? 0 : v.data().length);
  }

  private static int hash(int slot, byte[] key) {
    int h = 31 * Arrays.hashCode(key) + slot;
    return h ^ (h >>> 16);
  }

  /** One cached key; the value is replaced in place when the key is written again. */
  static final class Entry {
    final int hash;
    final int slot;
    final byte[] key;
    StoredValue value;
    Entry next;
    boolean pinned;
    boolean used;

    Entry(int hash, int slot, byte[] key, StoredValue value) {
      this.hash = hash;
      this.slot = slot;
      this.key = key;
      this.value = value;
    }

    StoredValue value() {
      return value;
    }
  }
}
