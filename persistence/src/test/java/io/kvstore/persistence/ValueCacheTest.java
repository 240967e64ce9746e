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
    c.put(1, b("k"), x);
    c.put(2, b("k"), null);
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
    c.put(0, key, v("1"));
    key[0] = 'z';
    assertThat(c.get(0, b("abc"))).isNotNull();
    assertThat(c.get(0, b("zbc"))).isNull();
  }

  @Test
  void evictsLeastRecentlyUsedBeyondCapacityAndCountsBytes() {
    ValueCache probe = new ValueCache(1 << 20);
    probe.put(0, b("a"), v("1"));
    long entry = probe.bytes();
    assertThat(entry).isGreaterThan(2);

    ValueCache c = new ValueCache(3 * entry);
    c.put(0, b("a"), v("1"));
    c.put(0, b("b"), v("2"));
    c.put(0, b("c"), v("3"));
    assertThat(c.get(0, b("a"))).isNotNull(); // a is now the most recently used
    c.put(0, b("d"), v("4"));
    assertThat(c.entries()).isEqualTo(3);
    assertThat(c.get(0, b("b"))).as("least recently used went first").isNull();
    assertThat(c.get(0, b("a"))).isNotNull();
    assertThat(c.get(0, b("c"))).isNotNull();
    assertThat(c.get(0, b("d"))).isNotNull();
    assertThat(c.bytes()).isEqualTo(3 * entry);

    c.put(0, b("a"), v("1")); // replacing keeps the count exact
    assertThat(c.bytes()).isEqualTo(3 * entry);
    c.put(0, b("a"), null);
    assertThat(c.bytes()).isEqualTo(3 * entry - 1);
  }

  @Test
  void dropSlotResizeAndClear() {
    ValueCache c = new ValueCache(1 << 20);
    c.put(0, b("a"), v("1"));
    c.put(1, b("a"), v("1"));
    c.put(1, b("b"), v("22"));
    long one = c.bytes() / 3;
    c.dropSlot(1);
    assertThat(c.entries()).isEqualTo(1);
    assertThat(c.get(0, b("a"))).isNotNull();
    assertThat(c.get(1, b("a"))).isNull();
    c.put(1, b("a"), v("1"));
    c.resize(one);
    assertThat(c.entries()).isEqualTo(1);
    assertThat(c.get(1, b("a"))).as("the most recent survives").isNotNull();
    c.resize(0);
    assertThat(c.enabled()).isFalse();
    assertThat(c.entries()).isZero();
    c.put(0, b("x"), v("1"));
    assertThat(c.get(0, b("x"))).as("disabled: remembers nothing").isNull();
    c.resize(1 << 20);
    c.put(0, b("x"), v("1"));
    c.clear();
    assertThat(c.entries()).isZero();
    assertThat(c.bytes()).isZero();
  }
}
