package io.kvstore.core.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SCAN cursors. Redis cursors are numbers that clients (redis-cli among them) parse as
 * integers, while RocksDB iterates by key, so a cursor number names the last key returned.
 * The table is bounded; an unknown cursor restarts from the beginning, which keeps SCAN's
 * guarantee (every key present for the whole scan is returned) at the cost of duplicates.
 */
public final class ScanCursors {
  private static final int MAX = 100_000;
  private long next = 1;
  private final Map<Long, byte[]> positions = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
      return size() > MAX;
    }
  };

  /** Registers a position (the last key returned) and returns its cursor number. */
  public long save(int db, byte[] lastKey) {
    long id = next++;
    if (next <= 0) next = 1;
    byte[] p = new byte[lastKey.length + 1];
    p[0] = (byte) db;
    System.arraycopy(lastKey, 0, p, 1, lastKey.length);
    positions.put(id, p);
    return id;
  }

  /** The key to continue after, or null to start from the beginning. */
  public byte[] resume(int db, long cursor) {
    if (cursor == 0) return null;
    byte[] p = positions.get(cursor);
    if (p == null || p[0] != (byte) db) return null;
    return java.util.Arrays.copyOfRange(p, 1, p.length);
  }
}
