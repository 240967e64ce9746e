package io.kvstore.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.core.store.StoredValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ValueCacheTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static StoredValue v(String s) {
    return StoredValue.string(b(s), StoredValue.NO_EXPIRY);
  }

  @Test
  void remembersValuesAndAbsenceBySlotAndKey() {
    ValueCache c = new ValueCache(1 << 20);
    StoredValue x = v("x");
    c.fill(1, b("k"), x);
    c.fill(2, b("k"), null);
    assertThat(c.get(1, b("k"))).isSameAs(x);
    assertThat(c.get(2, b("k"))).isSameAs(ValueCache.ABSENT);
    assertThat(c.get(3, b("k"))).as("other slot").isNull();
    assertThat(c.get(1, b("K"))).isNull();
    assertThat(c.hits()).isEqualTo(2);
    assertThat(c.misses()).isEqualTo(2);
  }

  @Test
  void keysAreCopiedSoCallersMayReuseTheirArrays() {
    ValueCache c = new ValueCache(1 << 20);
    byte[] key = b("abc");
    c.write(0, key, v("1"));
    key[0] = 'z';
    assertThat(c.get(0, b("abc"))).isNotNull();
    assertThat(c.get(0, b("zbc"))).isNull();
  }

  @Test
  void evictsBeyondCapacityAndCountsBytes() {
    ValueCache probe = new ValueCache(1 << 20);
    probe.fill(0, b("a"), v("1"));
    long entry = probe.bytes();
    assertThat(entry).isGreaterThan(2);

    ValueCache c = new ValueCache(3 * entry);
    for (String k : new String[] {"a", "b", "c", "d", "e"}) c.fill(0, b(k), v("1"));
    assertThat(c.entries()).isEqualTo(3);
    assertThat(c.bytes()).isEqualTo(3 * entry);

    String present = null;
    for (String k : new String[] {"a", "b", "c", "d", "e"}) if (c.get(0, b(k)) != null) present = k;
    c.write(c.lookup(0, b(present)), 0, b(present), v("2")); // rewriting keeps the count exact
    assertThat(c.bytes()).isEqualTo(3 * entry);
    c.write(0, b(present), null);
    assertThat(c.bytes()).isEqualTo(3 * entry - 1);
  }

  @Test
  void aKeyUsedBetweenEvictionsIsKept() {
    ValueCache probe = new ValueCache(1 << 20);
    probe.fill(0, b("k00"), v("1"));
    long entry = probe.bytes();
    ValueCache c = new ValueCache(4 * entry);
    c.fill(0, b("hot"), v("1"));
    for (int i = 0; i < 200; i++) {
      assertThat(c.get(0, b("hot"))).as("after %d fills", i).isNotNull();
      c.fill(0, b(String.format("k%02d", i % 100)), v("1"));
      assertThat(c.bytes()).isLessThanOrEqualTo(4 * entry);
    }
    assertThat(c.misses()).isZero();
  }

  @Test
  void pendingWritesAreNeverEvictedBeforeTheCommit() {
    ValueCache c = new ValueCache(1); // smaller than any entry
    c.write(0, b("p1"), v("x"));
    c.write(0, b("p2"), null);
    c.fill(0, b("read"), v("y")); // a read while writes are pending: may stay or go, never them
    assertThat(c.pending()).isEqualTo(2);
    assertThat(c.get(0, b("p1"))).isNotNull();
    assertThat(c.get(0, b("p2"))).isSameAs(ValueCache.ABSENT);
    c.write(0, b("p1"), v("z")); // a second write of a pending key pins it once
    assertThat(c.pending()).isEqualTo(2);
    c.committed();
    assertThat(c.pending()).isZero();
    assertThat(c.entries()).as("evictable once committed").isZero();
    assertThat(c.bytes()).isZero();
  }

  @Test
  void dropSlotResizeAndClear() {
    ValueCache c = new ValueCache(1 << 20);
    c.fill(0, b("a"), v("1"));
    c.fill(1, b("a"), v("1"));
    c.write(1, b("b"), v("22"));
    long one = (c.bytes() - 1) / 3;
    c.dropSlot(1);
    assertThat(c.entries()).isEqualTo(1);
    assertThat(c.pending()).as("pending entries of the slot go too").isZero();
    assertThat(c.get(0, b("a"))).isNotNull();
    assertThat(c.get(1, b("a"))).isNull();
    c.fill(1, b("a"), v("1"));
    c.resize(one);
    assertThat(c.entries()).isEqualTo(1);
    assertThat(c.bytes()).isEqualTo(one);
    c.resize(0);
    assertThat(c.entries()).isZero();
    c.fill(0, b("x"), v("1"));
    assertThat(c.get(0, b("x"))).as("capacity 0: reads are not remembered").isNull();
    c.write(0, b("w"), v("1"));
    assertThat(c.get(0, b("w"))).as("but pending writes are").isNotNull();
    c.committed();
    assertThat(c.entries()).isZero();
    c.resize(1 << 20);
    c.write(0, b("x"), v("1"));
    c.clear();
    assertThat(c.entries()).isZero();
    assertThat(c.pending()).isZero();
    assertThat(c.bytes()).isZero();
  }
}
