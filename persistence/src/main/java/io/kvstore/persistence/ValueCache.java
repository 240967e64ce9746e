package io.kvstore.persistence;

import io.kvstore.core.store.StoredValue;
import io.kvstore.core.store.ValueType;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The decoded values of recently used keys, in front of RocksDB, so that reads (and the read
 * every write does to keep counters exact) mostly stay in the JVM instead of crossing JNI.
 *
 * <p>Entries are keyed by physical slot and user key and hold what a read would return now,
 * pending writes included: the store updates an entry on every put and remove, and also
 * remembers keys known to be absent ({@link #ABSENT}), which is what a write of a new key reads.
 * Least recently used entries are evicted once the approximate size passes the capacity; an
 * evicted entry is simply read again from RocksDB (batch merged), so eviction never loses a
 * write. The store clears the cache whenever its pending writes are discarded (a failed commit),
 * so entries never describe writes that did not happen. Values are shared, not copied: stored
 * values are never mutated in place (as with the in-memory store).
 *
 * <p>Engine thread only (or the single thread that owns the store); not thread-safe.
 */
final class ValueCache {
  /** Marks a key known to be absent. */
  static final StoredValue ABSENT = new StoredValue(ValueType.STRING, new byte[0], StoredValue.NO_EXPIRY);
  /** Rough per-entry cost of the map entry, key and value objects, beyond the byte arrays. */
  private static final int ENTRY_OVERHEAD = 112;

  private final LinkedHashMap<Key, StoredValue> map = new LinkedHashMap<>(1024, 0.75f, true);
  /** Reused for lookups so a hit allocates nothing. */
  private final Key probe = new Key(0, null, 0);
  private long capacity;
  private long bytes;
  private long hits;
  private long misses;

  ValueCache(long capacityBytes) {
    this.capacity = Math.max(0, capacityBytes);
  }

  boolean enabled() {
    return capacity > 0;
  }

  long capacity() {
    return capacity;
  }

  /** Approximate bytes held. */
  long bytes() {
    return bytes;
  }

  int entries() {
    return map.size();
  }

  long hits() {
    return hits;
  }

  long misses() {
    return misses;
  }

  /** Changes the capacity (0 disables the cache), evicting at once if it shrank. */
  void resize(long capacityBytes) {
    capacity = Math.max(0, capacityBytes);
    evict();
  }

  /** The cached value, {@link #ABSENT}, or null when the key is not cached. */
  StoredValue get(int slot, byte[] key) {
    if (capacity == 0) return null;
    probe.slot = slot;
    probe.key = key;
    probe.hash = hash(slot, key);
    StoredValue v = map.get(probe);
    probe.key = null;
    if (v == null) misses++;
    else hits++;
    return v;
  }

  /** Records what {@code key} holds now: a value, or null for absent. */
  void put(int slot, byte[] key, StoredValue value) {
    if (capacity == 0) return;
    StoredValue v = value == null ? ABSENT : value;
    Key k = new Key(slot, key.clone(), hash(slot, key));
    StoredValue old = map.put(k, v);
    if (old != null) bytes -= size(k, old);
    bytes += size(k, v);
    evict();
  }

  /** Drops every entry of a slot (a database that was emptied). */
  void dropSlot(int slot) {
    Iterator<Map.Entry<Key, StoredValue>> it = map.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Key, StoredValue> e = it.next();
      if (e.getKey().slot == slot) {
        bytes -= size(e.getKey(), e.getValue());
        it.remove();
      }
    }
  }

  void clear() {
    map.clear();
    bytes = 0;
  }

  private void evict() {
    if (bytes <= capacity) return;
    Iterator<Map.Entry<Key, StoredValue>> it = map.entrySet().iterator();
    while (bytes > capacity && it.hasNext()) {
      Map.Entry<Key, StoredValue> e = it.next();
      bytes -= size(e.getKey(), e.getValue());
      it.remove();
    }
  }

  private static long size(Key k, StoredValue v) {
    return ENTRY_OVERHEAD + k.key.length + (v == ABSENT ? 0 : v.data().length);
  }

  private static int hash(int slot, byte[] key) {
    return 31 * Arrays.hashCode(key) + slot;
  }

  /** (physical slot, user key); mutable only for the lookup probe. */
  private static final class Key {
    int slot;
    byte[] key;
    int hash;

    Key(int slot, byte[] key, int hash) {
      this.slot = slot;
      this.key = key;
      this.hash = hash;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.slot == slot && k.hash == hash && Arrays.equals(k.key, key);
    }
  }
}
