package io.kvstore.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.core.store.MemoryStore;
import io.kvstore.core.store.Store;
import io.kvstore.core.store.StoredValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store with its write-back journal against the in-memory store as a model: a random
 * workload large enough that many journal applies run in the background while reads, writes,
 * expiries, database clears and ordered reads go on, with the value cache off so every read of
 * an applied key goes to RocksDB. Both must agree at every read, and after a reopen.
 */
class RocksStoreJournalTest {
  private static final int DBS = 3;
  @TempDir Path dir;

  @Test
  void aLongRandomWorkloadAgreesWithTheInMemoryStoreAcrossBackgroundApplies() {
    SplittableRandom r = new SplittableRandom(5);
    MemoryStore model = new MemoryStore(DBS);
    RocksStore s = RocksStore.open(dir.resolve("db"), DBS, SyncPolicy.NO);
    // first the apply thread is held, so a background apply stays in flight while reads go on
    CountDownLatch gate = new CountDownLatch(1);
    try {
      s.setCacheBytes(0);
      s.holdJournalAppliesForTesting(gate);
      int maxValue = 16_000;
      long writtenBytes = 0;
      for (int op = 0; op < 12_000; op++) {
        boolean held = op < 3000; // no ordered reads or clears then: they would wait for the apply
        if (op == 3000) gate.countDown();
        int db = r.nextInt(DBS);
        byte[] key = b("k" + r.nextInt(400));
        int pick = r.nextInt(100);
        if (pick < 45) {
          byte[] data = Arrays.copyOf(b("v" + op + ":"), 10 + r.nextInt(maxValue));
          long at = r.nextInt(3) == 0 ? 5_000_000_000_000L + r.nextInt(1000) : StoredValue.NO_EXPIRY;
          StoredValue v = StoredValue.string(data, at);
          s.put(db, key, v);
          model.put(db, key, v);
          writtenBytes += data.length;
        } else if (pick < 60) {
          assertThat(s.remove(db, key)).isEqualTo(model.remove(db, key));
        } else if (pick < 97) {
          assertThat(describe(s.get(db, key))).as("op %d", op).isEqualTo(describe(model.get(db, key)));
        } else if (pick == 97 && !held && r.nextInt(4) == 0) { // ordered reads apply everything: rare
          assertThat(keys(s.keysAfter(db, null, 1000))).isEqualTo(keys(model.keysAfter(db, null, 1000)));
          assertThat(keys(s.expiredKeys(db, Long.MAX_VALUE, 1000)))
              .isEqualTo(keys(model.expiredKeys(db, Long.MAX_VALUE, 1000)));
        } else if (pick == 98 && !held && r.nextInt(10) == 0) {
          s.clear(db);
          model.clear(db);
        } else {
          s.putMeta("m", b("op" + op));
          model.putMeta("m", b("op" + op));
        }
        if (r.nextInt(8) == 0) s.commit();
      }
      s.commit();
      assertThat(writtenBytes).as("enough for several applies").isGreaterThan(4 * WriteJournal.APPLY_BYTES);
      assertSame(s, model);
    } finally {
      gate.countDown();
      s.close();
    }
    try (RocksStore again = RocksStore.open(dir.resolve("db"), DBS, SyncPolicy.NO)) {
      assertSame(again, model);
    }
  }

  private static void assertSame(Store s, Store model) {
    for (int db = 0; db < DBS; db++) {
      assertThat(s.size(db)).isEqualTo(model.size(db));
      assertThat(s.expiresCount(db)).isEqualTo(model.expiresCount(db));
      for (int k = 0; k < 400; k++) {
        byte[] key = b("k" + k);
        assertThat(describe(s.get(db, key))).isEqualTo(describe(model.get(db, key)));
      }
      assertThat(keys(s.keysAfter(db, null, 1000))).isEqualTo(keys(model.keysAfter(db, null, 1000)));
      assertThat(keys(s.expiredKeys(db, Long.MAX_VALUE, 1000)))
          .isEqualTo(keys(model.expiredKeys(db, Long.MAX_VALUE, 1000)));
    }
    assertThat(new String(s.getMeta("m"), StandardCharsets.UTF_8))
        .isEqualTo(new String(model.getMeta("m"), StandardCharsets.UTF_8));
  }

  private static String describe(StoredValue v) {
    return v == null ? "nil" : new String(v.data(), StandardCharsets.UTF_8) + "@" + v.expireAt();
  }

  private static Set<String> keys(List<byte[]> keys) {
    Set<String> out = keys.stream().map(k -> new String(k, StandardCharsets.UTF_8)).collect(Collectors.toSet());
    assertThat(out).hasSize(keys.size());
    return new HashSet<>(out);
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
