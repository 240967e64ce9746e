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
  void longKeysAreCopiedToo() {
    ValueCache c = new ValueCache(1 << 20);
    byte[] key = b("a-key-longer-than-sixteen-bytes");
    c.write(0, key, v("1"));
    key[key.length - 1] = 'X';
    assertThat(c.get(0, b("a-key-longer-than-sixteen-bytes"))).isNotNull();
    assertThat(c.get(0, key)).isNull();
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

  /** The journal releases the generations of the commits it applied, not later ones. */
  @Test
  void releasingAGenerationUnpinsOnlyEntriesLastWrittenInItOrBefore() {
    ValueCache c = new ValueCache(1); // smaller than any entry
    c.write(0, b("a"), v("1"));
    c.write(0, b("b"), v("1"));
    long first = c.seal();
    c.write(0, b("b"), v("2")); // written again in the next commit
    c.write(0, b("c"), v("2"));
    long second = c.seal();
    c.write(0, b("d"), v("3")); // not committed yet
    assertThat(c.pending()).isEqualTo(4);
    c.release(first);
    assertThat(c.get(0, b("a"))).as("applied: evicted").isNull();
    assertThat(c.get(0, b("b")).data()).isEqualTo(b("2"));
    assertThat(c.pending()).isEqualTo(3);
    c.release(second);
    assertThat(c.pending()).as("the uncommitted write stays pinned").isEqualTo(1);
    assertThat(c.get(0, b("d")).data()).isEqualTo(b("3"));
    c.release(first); // an older generation again: nothing changes
    assertThat(c.pending()).isEqualTo(1);
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

    c.write(0, b("p1"), v("again")); // written after a commit: pinned again, until the next one
    c.fill(0, b("read2"), v("y"));
    assertThat(c.pending()).isEqualTo(1);
    assertThat(c.get(0, b("p1")).data()).isEqualTo(b("again"));
    c.committed();
    assertThat(c.entries()).isZero();
    c.committed(); // nothing pending: no-op
    assertThat(c.pending()).isZero();
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

  /** The last entry found is tried first; it must never outlive its place in the table. */
  @Test
  void anEntryThatLeftTheTableIsNeverFoundAgain() {
    ValueCache c = new ValueCache(1 << 20);
    c.fill(0, b("k"), v("1"));
    assertThat(c.get(0, b("k"))).isNotNull();
    c.resize(0); // evicts it
    assertThat(c.get(0, b("k"))).isNull();

    c.resize(1 << 20);
    c.write(0, b("k"), v("2"));
    assertThat(c.get(0, b("k"))).isNotNull();
    c.dropSlot(0);
    assertThat(c.get(0, b("k"))).isNull();

    c.fill(3, b("k"), v("3"));
    assertThat(c.get(3, b("k"))).isNotNull();
    c.clear();
    assertThat(c.get(3, b("k"))).isNull();
    assertThat(c.get(4, b("k"))).as("same key, other slot").isNull();

    c.fill(3, b("k"), v("4"));
    ValueCache.Entry e = c.lookup(3, b("k"));
    c.write(e, 3, b("k"), null);
    assertThat(c.get(3, b("k"))).isSameAs(ValueCache.ABSENT);
    assertThat(c.get(3, b("kk"))).isNull();
  }

  @Test
  void keysThatDifferLateOrOnlyInLengthAreDistinct() {
    ValueCache c = new ValueCache(1 << 20);
    String[] keys = {"", "a", "a\u0000", "user:000000000001", "user:000000000002", "user:0000000000010",
        "12345678", "123456789", "1234567\u0000", "0123456789abcdefXY1", "0123456789abcdefXY2",
        "0123456789abcdef", "0123456789abcdef\u0000"};
    for (int i = 0; i < keys.length; i++) c.fill(0, b(keys[i]), v(String.valueOf(i)));
    for (int i = 0; i < keys.length; i++) {
      assertThat(c.get(0, b(keys[i])).data()).as(keys[i]).isEqualTo(b(String.valueOf(i)));
    }
    assertThat(c.entries()).isEqualTo(keys.length);
  }
}
