package io.kvstore.persistence;

import io.kvstore.core.store.StoredValue;
import io.kvstore.core.store.ValueType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The decoded values of recently used keys, and of every key written and not yet in the
 * database (pending in the batch, or committed to the journal and not applied), in front of
 * RocksDB: reads (and the read every write does to keep counters exact) mostly stay in the JVM,
 * and neither the pending batch nor the journal ever needs searching.
 *
 * <p>Entries are keyed by physical slot and user key and hold what a read returns now: a value
 * or {@link #ABSENT} (a key known not to exist, which is what a write of a new key reads).
 * <ul>
 *   <li>{@link #write} records a pending write: the entry is pinned (never evicted) until the
 *       database has it ({@link #release} of its commit's generation, see {@link #seal}), so a
 *       key missing from the cache is never pending and can be read from the database alone;
 *   <li>{@link #fill} records what a database read returned (committed state);
 *   <li>once the approximate size passes the capacity (0 = keep only pending entries), unpinned
 *       entries are evicted in CLOCK order (second chance: an entry used since the hand last
 *       passed is spared once), an approximation of least-recently-used that costs a flag write
 *       per access instead of relinking a list;
 *   <li>{@link #clear} forgets everything, pending entries included: the store calls it
 *       whenever it discards its pending writes.
 * </ul>
 * A chained hash table of small entries holding the first sixteen key bytes, so a lookup touches
 * the bucket and the entry (and the key, for a longer one): each is a likely cache miss. A write
 * of the key just read finds its entry without hashing (the last entry found is tried first).
 * Values are shared, not copied: stored values are never mutated in place (as with the in-memory
 * store).
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
  private static final long MIX = 0x9E3779B97F4A7C15L;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private Entry[] table = new Entry[MIN_TABLE];
  private int size;
  private int hand;
  /**
   * Pins are generations: a write stamps its entry with {@link #generation}, each commit ends a
   * generation ({@link #seal}), and once the database has a commit's writes {@link #released}
   * moves up to its generation; an entry is pinned while its stamp is above that, so the writes
   * of many commits are released at once, without visiting the entries. A key written again
   * later carries the later stamp and stays pinned.
   */
  private long generation = 1;
  private long released;
  private long capacity;
  private long bytes;
  private long hits;
  private long misses;
  /** The entry last found or added (null once it leaves the table): see {@link #lookup}. */
  private Entry last;

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

  /** Entries pinned now (O(n): for tests and diagnostics). */
  int pending() {
    int n = 0;
    for (Entry head : table) {
      for (Entry e = head; e != null; e = e.next) if (e.pin > released) n++;
    }
    return n;
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
    long k0 = word(key, 0);
    long k1 = word(key, 8);
    Entry m = last;
    if (m != null && m.slot == slot && m.holds(key, k0, k1)) {
      // a write usually looks up the key its command has just read
      m.used = true;
      hits++;
      return m;
    }
    int h = hash(slot, key);
    for (Entry e = table[h & (table.length - 1)]; e != null; e = e.next) {
      if (e.hash == h && e.slot == slot && e.holds(key, k0, k1)) {
        e.used = true;
        hits++;
        last = e;
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

  /** Records a pending write (null: a delete), pinned until its generation is released. */
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
      int size = size(key.length, v);
      bytes += size - e.size;
      e.size = size;
      e.value = v;
    }
    e.pin = generation;
    evict(SWEEP_BUDGET);
  }

  /**
   * Ends the current generation (the writes of one commit) and returns it; later writes get
   * the next one. Its entries stay pinned until {@link #release} of it or of a later one.
   */
  long seal() {
    return generation++;
  }

  /** The database has every write of generations up to {@code g}: their entries become evictable. */
  void release(long g) {
    if (g <= released) return;
    released = Math.min(g, generation - 1);
    evict(Integer.MAX_VALUE);
  }

  /** The pending writes are in the database at once: {@code release(seal())}. */
  void committed() {
    release(seal());
  }

  /** Drops every entry of a slot (a database that was emptied), pending ones included. */
  void dropSlot(int slot) {
    for (int i = 0; i < table.length; i++) {
      Entry prev = null;
      for (Entry e = table[i]; e != null; e = e.next) {
        if (e.slot == slot) {
          unlink(i, prev, e);
        } else {
          prev = e;
        }
      }
    }
  }

  /** Forgets everything, pending entries included. */
  void clear() {
    last = null;
    table = new Entry[MIN_TABLE];
    size = 0;
    hand = 0;
    bytes = 0;
  }

  private Entry insert(int slot, byte[] key, StoredValue v) {
    Entry e = new Entry(hash(slot, key), slot, key, v);
    e.size = size(key.length, v);
    if (size >= table.length - (table.length >>> 2)) grow();
    int i = e.hash & (table.length - 1);
    e.next = table[i];
    table[i] = e;
    size++;
    bytes += e.size;
    last = e;
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
        if (e.pin > released) {
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
    bytes -= e.size;
    if (e == last) last = null;
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

  private static int size(int keyLength, StoredValue v) {
    long n = (long) ENTRY_OVERHEAD + keyLength + (v == ABSENT ? 0 : v.data().length);
    return (int) Math.min(n, Integer.MAX_VALUE);
  }

  /**
   * Eight key bytes per step, each word multiplied in and folded (cheaper than a byte-at-a-time
   * polynomial on the keys of a few dozen bytes that dominate).
   */
  static int hash(int slot, byte[] key) {
    long h = (slot + 1L) * MIX ^ key.length;
    int i = 0;
    for (int n = key.length - 7; i < n; i += 8) {
      h = (h ^ (long) LONGS.get(key, i)) * MIX;
      h ^= h >>> 29;
    }
    long tail = 0;
    for (; i < key.length; i++) tail = tail << 8 | (key[i] & 0xff);
    h = (h ^ tail) * MIX;
    h ^= h >>> 32;
    return (int) (h ^ (h >>> 16));
  }

  /** Up to eight key bytes from {@code from}, little-endian, zero-padded past the end. */
  static long word(byte[] key, int from) {
    if (from + 8 <= key.length) return (long) LONGS.get(key, from);
    long w = 0;
    for (int i = Math.min(key.length, from + 8) - 1; i >= from; i--) w = w << 8 | (key[i] & 0xff);
    return w;
  }

  /**
   * One cached key; the value is replaced in place when the key is written again. The key's
   * first sixteen bytes live in the entry itself, so comparing a key of up to sixteen bytes (the
   * common case) reads no other object; a longer key is also kept whole.
   */
  static final class Entry {
    final int hash;
    final int slot;
    final int keyLength;
    final long k0;
    final long k1;
    /** The whole key when it is longer than sixteen bytes, else null. */
    final byte[] longKey;
    StoredValue value;
    Entry next;
    /** What this entry counts for in {@link #bytes}. */
    int size;
    /** The generation of the last write (see {@link ValueCache#generation}); 0: never written. */
    long pin;
    boolean used;

    Entry(int hash, int slot, byte[] key, StoredValue value) {
      this.hash = hash;
      this.slot = slot;
      this.keyLength = key.length;
      this.k0 = word(key, 0);
      this.k1 = word(key, 8);
      this.longKey = key.length > 16 ? key.clone() : null;
      this.value = value;
    }

    /** Whether this is {@code key}'s entry; {@code k0}, {@code k1}: its first two words. */
    boolean holds(byte[] key, long k0, long k1) {
      return keyLength == key.length && this.k0 == k0 && this.k1 == k1
          && (longKey == null || Arrays.equals(longKey, key));
    }

    StoredValue value() {
      return value;
    }
  }
}
