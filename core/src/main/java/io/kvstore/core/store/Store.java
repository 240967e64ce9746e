package io.kvstore.core.store;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The keyspace storage seen by the command engine: raw values (expired ones included; the
 * semantic layer decides what "expired" means), per-database counts, ordered key pages for
 * SCAN/KEYS, an expiry index for the active cycle, and node metadata.
 *
 * <p>Threading: used only from the engine thread. Writes become visible to later reads at once
 * and become durable, atomically together with the metadata written alongside them, at
 * {@link #commit()}. Implementations: {@code MemoryStore} (unit tests) and the RocksDB store.
 */
public interface Store extends AutoCloseable {

  int databases();

  /** The stored value or null; does not look at expiry. */
  StoredValue get(int db, byte[] key);

  /** Inserts or replaces. */
  void put(int db, byte[] key, StoredValue value);

  /** Removes; true when the key was present. */
  boolean remove(int db, byte[] key);

  /** Number of keys (expired but not yet deleted included), like Redis DBSIZE. */
  long size(int db);

  /** Number of keys carrying an expiry. */
  long expiresCount(int db);

  void clear(int db);

  /** Swaps the contents of two databases (SWAPDB). */
  void swap(int a, int b);

  /**
   * Up to {@code count} keys in storage order strictly after {@code after} (null = from the
   * start). An empty list means the end.
   */
  List<byte[]> keysAfter(int db, byte[] after, int count);

  /** A uniformly-ish random key, or null when the database is empty. */
  byte[] randomKey(int db, RandomGenerator random);

  /** Up to {@code limit} keys whose expiry is at or before {@code nowMs}, earliest first. */
  List<byte[]> expiredKeys(int db, long nowMs, int limit);

  /** Node metadata (replication id/offset, applied index...), committed with the data. */
  byte[] getMeta(String name);

  void putMeta(String name, byte[] value);

  /** Makes every change since the last commit durable per the store's sync policy, atomically. */
  void commit();

  /** Approximate bytes used on disk (0 for memory stores). */
  default long diskBytes() {
    return 0;
  }

  @Override
  void close();
}
