package io.kvstore.persistence.rdb;

import io.kvstore.core.store.StoredValue;
import io.kvstore.persistence.RocksStore;
import io.kvstore.persistence.SyncPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Builds a complete new store from an RDB stream in a staging directory, so a replica can keep
 * serving its old dataset during a full resync and swap directories only once the new one is
 * whole.
 *
 * <p>The staging directory must be new (absent or empty). Keys are committed every
 * {@code chunkKeys} keys, so memory stays bounded whatever the dataset size. A key named twice
 * in one database is corruption (Redis refuses such a file too), as is a database number beyond
 * the store's. Optionally keys already expired at a given time are dropped, as a Redis master
 * does when loading from disk; a replica keeps them (its master expires them). Before the
 * final commit a hook may write metadata (replication id and offset) so it lands atomically
 * with the last keys. On success the store is closed and the directory is ready to be moved
 * into place; on any failure the store is closed and the staging directory deleted.
 */
public final class RdbLoader {
  /** Writes metadata into the new store; runs before the final commit. */
  @FunctionalInterface
  public interface Finisher {
    void finish(RocksStore store, RdbInfo info);
  }

  /** The outcome: what the reader found, keys stored, keys dropped as already expired. */
  public record Result(RdbInfo info, long keysLoaded, long expiredDropped) {}

  private final int databases;
  private final SyncPolicy policy;
  private final int chunkKeys;
  private long maxStringBytes = RdbReader.DEFAULT_MAX_STRING_BYTES;
  private long dropExpiredBefore = Long.MIN_VALUE;

  public RdbLoader(int databases, SyncPolicy policy, int chunkKeys) {
    if (databases < 1) throw new IllegalArgumentException("databases must be >= 1");
    if (chunkKeys < 1) throw new IllegalArgumentException("chunkKeys must be >= 1");
    this.databases = databases;
    this.policy = policy;
    this.chunkKeys = chunkKeys;
  }

  /** Limits every string in the stream (default 512 MB, Redis's proto-max-bulk-len). */
  public RdbLoader maxStringBytes(long max) {
    this.maxStringBytes = max;
    return this;
  }

  /** Drops keys whose expiry is before {@code nowMs} (a master loading its own file). */
  public RdbLoader dropExpiredBefore(long nowMs) {
    this.dropExpiredBefore = nowMs;
    return this;
  }

  /**
   * Loads {@code in} (read up to the RDB's last byte and no further; give a buffered stream) into
   * a new store at {@code staging}; see the class comment.
   */
  public Result load(InputStream in, Path staging, Finisher finisher) throws IOException {
    requireFresh(staging);
    RocksStore store = RocksStore.open(staging, databases, policy);
    boolean ok = false;
    try {
      Result r = loadInto(in, store, finisher);
      store.close();
      ok = true;
      return r;
    } finally {
      if (!ok) {
        store.close();
        deleteTree(staging);
      }
    }
  }

  /**
   * Loads {@code in} into {@code store}, an open store that must be empty (a key already there
   * counts as a duplicate), with the same chunked commits, checks and finisher as {@link #load};
   * the store's own database count applies. The store is left open, committed on success; on
   * failure it holds whatever chunks were committed and the caller discards it.
   */
  public Result loadInto(InputStream in, RocksStore store, Finisher finisher) throws IOException {
    int dbs = store.databases();
    long[] counts = new long[2];
    RdbInfo info = new RdbReader(in, maxStringBytes).read((db, key, value, expireAt) -> {
      if (db >= dbs) {
        throw new RdbException("the RDB has a key in database " + db + " but the store has "
            + dbs + " databases");
      }
      if (expireAt != RdbEntry.NO_EXPIRY && expireAt < dropExpiredBefore) {
        counts[1]++;
        return;
      }
      if (store.get(db, key) != null) {
        throw new RdbException("the RDB has the key " + RdbReader.printable(key)
            + " twice in database " + db);
      }
      store.put(db, key, StoredValue.string(value, expireAt));
      if (++counts[0] % chunkKeys == 0) store.commit();
    });
    if (finisher != null) finisher.finish(store, info);
    store.commit();
    return new Result(info, counts[0], counts[1]);
  }

  private static void requireFresh(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    if (!Files.isDirectory(dir)) throw new IOException("staging path " + dir + " is not a directory");
    try (Stream<Path> s = Files.list(dir)) {
      if (s.findAny().isPresent()) throw new IOException("staging directory " + dir + " is not empty");
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) return;
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      System.err.println("could not delete staging directory " + dir + ": " + e);
    }
  }
}
