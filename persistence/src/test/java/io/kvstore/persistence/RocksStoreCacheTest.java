package io.kvstore.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvstore.core.store.StoredValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The value cache never changes what the store answers: the same random sequence of writes,
 * swaps, clears, commits and failed commits gives identical reads and counters with the cache
 * off (every read goes to RocksDB merged with the batch), tiny (constant eviction, pending writes
 * evicted before their commit) and large.
 */
class RocksStoreCacheTest {
  @TempDir Path dir;
  private final List<RocksStore> opened = new ArrayList<>();

  @AfterEach
  void closeAll() {
    opened.forEach(RocksStore::close);
  }

  private RocksStore open(String name, long cacheBytes) {
    RocksStore s = RocksStore.open(dir.resolve(name), 3, SyncPolicy.NO);
    s.setCacheBytes(cacheBytes);
    opened.add(s);
    return s;
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String describe(StoredValue v) {
    return v == null ? "null" : new String(v.data(), StandardCharsets.UTF_8) + "@" + v.expireAt();
  }

  @Test
  void readsAndCountersAreTheSameWithTheCacheOffTinyAndLarge() {
    RocksStore[] stores = {open("off", 0), open("tiny", 600), open("large", 64L << 20)};
    SplittableRandom random = new SplittableRandom(42);
    for (int step = 0; step < 6000; step++) {
      int op = random.nextInt(100);
      int db = random.nextInt(3);
      byte[] key = b("k" + random.nextInt(40));
      if (op < 40) {
        long at = random.nextInt(4) == 0 ? 1000 + random.nextInt(50) : StoredValue.NO_EXPIRY;
        StoredValue v = StoredValue.string(b("v" + step), at);
        for (RocksStore s : stores) s.put(db, key, v);
      } else if (op < 55) {
        boolean first = stores[0].remove(db, key);
        for (int i = 1; i < stores.length; i++) {
          assertThat(stores[i].remove(db, key)).as("step %d store %d", step, i).isEqualTo(first);
        }
      } else if (op < 85) {
        String first = describe(stores[0].get(db, key));
        for (RocksStore s : stores) assertThat(describe(s.get(db, key))).as("step %d", step).isEqualTo(first);
      } else if (op < 88) {
        int other = random.nextInt(3);
        for (RocksStore s : stores) s.swap(db, other);
      } else if (op < 89) {
        for (RocksStore s : stores) s.clear(db);
      } else if (op < 96) {
        for (RocksStore s : stores) s.commit();
      } else {
        StoredValue v = StoredValue.string(b("lost" + step), StoredValue.NO_EXPIRY);
        for (RocksStore s : stores) {
          s.put(db, key, v); // something pending, so the commit does reach RocksDB
          s.failCommitsForTesting(true);
          assertThatThrownBy(s::commit).isInstanceOf(RocksStoreException.class);
          s.failCommitsForTesting(false);
        }
      }
      for (int d = 0; d < 3; d++) {
        for (RocksStore s : stores) {
          assertThat(s.size(d)).as("step %d db %d", step, d).isEqualTo(stores[0].size(d));
          assertThat(s.expiresCount(d)).isEqualTo(stores[0].expiresCount(d));
        }
      }
    }
    for (int d = 0; d < 3; d++) {
      for (int k = 0; k < 40; k++) {
        String first = describe(stores[0].get(d, b("k" + k)));
        for (RocksStore s : stores) assertThat(describe(s.get(d, b("k" + k)))).isEqualTo(first);
      }
      for (RocksStore s : stores) {
        assertThat(s.keysAfter(d, null, 100)).hasSize((int) stores[0].size(d));
        assertThat(s.expiredKeys(d, Long.MAX_VALUE, 100)).hasSize((int) stores[0].expiresCount(d));
      }
    }
    for (RocksStore s : stores) {
      s.commit();
      s.applyJournalForTesting();
    }
    assertThat(stores[2].cacheHits()).as("the large cache answered reads").isPositive();
    assertThat(stores[0].cacheEntries()).as("capacity 0 keeps pending writes only").isZero();
    assertThat(stores[1].cacheUsedBytes()).isLessThanOrEqualTo(600);
  }

  @Test
  void aKeyReadAsAbsentThenWrittenIsSeenAndCommitted() {
    RocksStore s = open("db", 1 << 20);
    assertThat(s.get(0, b("new"))).isNull();
    s.put(0, b("new"), StoredValue.string(b("x"), StoredValue.NO_EXPIRY));
    assertThat(s.size(0)).isEqualTo(1);
    assertThat(describe(s.get(0, b("new")))).isEqualTo("x@-1");
    s.commit();
    s.setCacheBytes(0);
    assertThat(s.cacheEntries()).as("committed, not yet in the database: kept").isEqualTo(1);
    assertThat(describe(s.get(0, b("new")))).isEqualTo("x@-1");
    s.applyJournalForTesting(); // dropped: reads now come from RocksDB
    assertThat(s.cacheEntries()).isZero();
    assertThat(describe(s.get(0, b("new")))).isEqualTo("x@-1");
  }

  @Test
  void aFailedCommitForgetsCachedPendingWrites() {
    RocksStore s = open("db", 1 << 20);
    s.put(0, b("a"), StoredValue.string(b("committed"), StoredValue.NO_EXPIRY));
    s.commit();
    s.put(0, b("a"), StoredValue.string(b("pending"), 77));
    s.put(0, b("b"), StoredValue.string(b("pending"), StoredValue.NO_EXPIRY));
    assertThat(describe(s.get(0, b("a")))).isEqualTo("pending@77");
    s.failCommitsForTesting(true);
    assertThatThrownBy(s::commit).isInstanceOf(RocksStoreException.class);
    s.failCommitsForTesting(false);
    assertThat(describe(s.get(0, b("a")))).isEqualTo("committed@-1");
    assertThat(s.get(0, b("b"))).isNull();
    assertThat(s.size(0)).isEqualTo(1);
    assertThat(s.expiresCount(0)).isZero();
  }

  @Test
  void orderedReadsSeeWritesAddedBetweenThemAndNothingAfterADiscard() {
    RocksStore s = open("db", 1 << 20);
    s.put(0, b("b"), StoredValue.string(b("1"), StoredValue.NO_EXPIRY));
    s.commit();
    s.put(0, b("c"), StoredValue.string(b("2"), 500));
    assertThat(keys(s.keysAfter(0, null, 10))).containsExactly("b", "c");
    s.put(0, b("a"), StoredValue.string(b("3"), 400));
    s.remove(0, b("b"));
    assertThat(keys(s.keysAfter(0, null, 10))).containsExactly("a", "c");
    assertThat(keys(s.expiredKeys(0, 1000, 10))).containsExactly("a", "c");
    s.failCommitsForTesting(true);
    assertThatThrownBy(s::commit).isInstanceOf(RocksStoreException.class);
    s.failCommitsForTesting(false);
    assertThat(keys(s.keysAfter(0, null, 10))).containsExactly("b");
    assertThat(s.expiredKeys(0, 1000, 10)).isEmpty();
    s.put(0, b("d"), StoredValue.string(b("4"), StoredValue.NO_EXPIRY));
    assertThat(keys(s.keysAfter(0, null, 10))).containsExactly("b", "d");
    s.commit();
    assertThat(keys(s.keysAfter(0, null, 10))).containsExactly("b", "d");
    assertThat(s.randomKey(0, new SplittableRandom(1))).isNotNull();
  }

  @Test
  void metadataIsReadableBeforeCommitAndGoneAfterADiscard() {
    RocksStore s = open("db", 0);
    s.putMeta("id", b("one"));
    s.commit();
    byte[] v = b("two");
    s.putMeta("id", v);
    v[0] = 'X';
    assertThat(new String(s.getMeta("id"), StandardCharsets.UTF_8)).isEqualTo("two");
    s.failCommitsForTesting(true);
    assertThatThrownBy(s::commit).isInstanceOf(RocksStoreException.class);
    s.failCommitsForTesting(false);
    assertThat(new String(s.getMeta("id"), StandardCharsets.UTF_8)).isEqualTo("one");
  }

  private static List<String> keys(List<byte[]> keys) {
    return keys.stream().map(k -> new String(k, StandardCharsets.UTF_8)).toList();
  }
}
