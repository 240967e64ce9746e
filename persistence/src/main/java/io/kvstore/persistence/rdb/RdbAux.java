package io.kvstore.persistence.rdb;

/**
 * The aux fields written after the magic, in Redis 7.0's order: {@code redis-ver},
 * {@code redis-bits}, {@code ctime} (unix seconds), {@code used-mem}, then, for a replication
 * snapshot, {@code repl-stream-db}, {@code repl-id} and {@code repl-offset}, then
 * {@code aof-base}. {@link #replId} null means no replication fields (a plain SAVE).
 */
public record RdbAux(String redisVersion, int redisBits, long ctime, long usedMem,
    int replStreamDb, String replId, long replOffset, long aofBase) {

  /** The version kvstore reports itself as, in INFO and in RDB files. */
  public static final String REDIS_VERSION = "7.0.15";

  /** The fields of a plain SAVE at {@code ctimeSeconds} with {@code usedMem} bytes in use. */
  public static RdbAux of(long ctimeSeconds, long usedMem) {
    return new RdbAux(REDIS_VERSION, 64, ctimeSeconds, usedMem, -1, null, -1, 0);
  }

  /** The same fields plus the replication ones (a full resync's snapshot). */
  public RdbAux withReplication(int streamDb, String id, long offset) {
    return new RdbAux(redisVersion, redisBits, ctime, usedMem, streamDb, id, offset, aofBase);
  }

  public boolean hasReplication() {
    return replId != null;
  }
}
