package io.kvstore.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvstore.core.store.StoredValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksStoreTest {
  @TempDir Path dir;
  private final List<RocksStore> opened = new ArrayList<>();

  private RocksStore open() {
    return open(16);
  }

  private RocksStore open(int databases) {
    RocksStore s = RocksStore.open(dir.resolve("db"), databases, SyncPolicy.NO);
    opened.add(s);
    return s;
  }

  private RocksStore reopen(RocksStore s) {
    s.close();
    return open();
  }

  @AfterEach
  void closeAll() {
    opened.forEach(RocksStore::close);
  }

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String str(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  static StoredValue v(String s) {
    return StoredValue.string(b(s), StoredValue.NO_EXPIRY);
  }

  static StoredValue v(String s, long at) {
    return StoredValue.string(b(s), at);
  }

  static List<String> strs(List<byte[]> keys) {
    return keys.stream().map(RocksStoreTest::str).toList();
  }

  @Test
  void putGetRemoveVisibleBeforeCommitAndDurableAfter() {
    RocksStore s = open();
    assertThat(s.get(0, b("k"))).isNull();
    s.put(0, b("k"), v("v1", 123));
    StoredValue got = s.get(0, b("k"));
    assertThat(str(got.data())).isEqualTo("v1");
    assertThat(got.expireAt()).isEqualTo(123);
    assertThat(s.get(1, b("k"))).as("other db").isNull();
    s.put(0, b("k"), v("v2"));
    assertThat(str(s.get(0, b("k")).data())).isEqualTo("v2");
    assertThat(s.get(0, b("k")).hasExpiry()).isFalse();
    s.put(0, b(""), v("empty key"));
    s.commit();
    assertThat(s.remove(0, b("k"))).isTrue();
    assertThat(s.remove(0, b("k"))).isFalse();
    assertThat(s.get(0, b("k"))).isNull();
    assertThat(s.remove(0, b("missing"))).isFalse();
    s.commit();
    s = reopen(s);
    assertThat(s.get(0, b("k"))).isNull();
    assertThat(str(s.get(0, b("")).data())).isEqualTo("empty key");
    assertThat(s.size(0)).isEqualTo(1);
  }

  @Test
  void closeCommitsPendingWrites() {
    RocksStore s = open();
    s.put(0, b("a"), v("1"));
    s = reopen(s);
    assertThat(str(s.get(0, b("a")).data())).isEqualTo("1");
  }

  @Test
  void countersFollowWritesAndSurviveRestart() {
    RocksStore s = open();
    for (int i = 0; i < 100; i++) s.put(3, b("k" + i), i % 4 == 0 ? v("x", 1000 + i) : v("x"));
    assertThat(s.size(3)).isEqualTo(100);
    assertThat(s.expiresCount(3)).isEqualTo(25);
    s.put(3, b("k1"), v("y", 5));      // gains an expiry
    s.put(3, b("k0"), v("y"));         // loses one
    s.put(3, b("k4"), v("y", 1004));   // same expiry, rewritten
    s.remove(3, b("k8"));              // had one
    s.remove(3, b("k2"));              // had none
    assertThat(s.size(3)).isEqualTo(98);
    assertThat(s.expiresCount(3)).isEqualTo(24);
    assertThat(s.size(0)).isZero();
    s.commit();
    s = reopen(s);
    assertThat(s.size(3)).isEqualTo(98);
    assertThat(s.expiresCount(3)).isEqualTo(24);
    assertThat(s.expiredKeys(3, Long.MAX_VALUE, 1000)).hasSize(24);
    assertThat(s.keysAfter(3, null, 1000)).hasSize(98);
  }

  @Test
  void expiredKeysInTimeOrderUpToNowAndLimit() {
    RocksStore s = open();
    s.put(0, b("c"), v("x", 300));
    s.put(0, b("a"), v("x", 100));
    s.put(0, b("b"), v("x", 200));
    s.put(0, b("z"), v("x", 200));
    s.put(0, b("never"), v("x"));
    s.put(1, b("other-db"), v("x", 50));
    s.commit();
    s.put(0, b("d"), v("x", 150)); // pending, still indexed
    s.put(0, b("c"), v("x", 50));  // pending re-expiry moves it first
    assertThat(strs(s.expiredKeys(0, 250, 10))).containsExactly("c", "a", "d", "b", "z");
    assertThat(strs(s.expiredKeys(0, 250, 2))).containsExactly("c", "a");
    assertThat(strs(s.expiredKeys(0, 99, 10))).containsExactly("c");
    assertThat(s.expiredKeys(0, 49, 10)).isEmpty();
    s.remove(0, b("a"));
    s.put(0, b("b"), v("persisted"));
    assertThat(strs(s.expiredKeys(0, Long.MAX_VALUE, 10))).containsExactly("c", "d", "z");
    s.commit();
    s = reopen(s);
    assertThat(strs(s.expiredKeys(0, Long.MAX_VALUE, 10))).containsExactly("c", "d", "z");
    assertThat(strs(s.expiredKeys(1, Long.MAX_VALUE, 10))).containsExactly("other-db");
  }

  @Test
  void theExpiryIndexStaysExactAsADatabaseLosesAndRegainsExpiringKeys() {
    RocksStore s = open();
    s.put(0, b("a"), v("x", 100));
    s.put(0, b("b"), v("x"));
    s.commit();
    s.swap(0, 1);
    s.put(1, b("a"), v("y")); // the only expiring key of db 1 loses its expiry
    assertThat(s.expiresCount(1)).isZero();
    s.put(1, b("b"), v("z", 200)); // db 1 has one again
    s.remove(1, b("b"));
    s.put(1, b("a"), v("w", 300));
    s.put(0, b("c"), v("x")); // db 0, never had one
    s.commit();
    s = reopen(s);
    assertThat(strs(s.expiredKeys(1, Long.MAX_VALUE, 10))).containsExactly("a");
    assertThat(s.expiresCount(1)).isEqualTo(1);
    assertThat(s.expiresCount(0)).isZero();
    s.remove(1, b("a"));
    assertThat(s.expiredKeys(1, Long.MAX_VALUE, 10)).isEmpty();
  }

  @Test
  void keysAfterPagesInOrderWithPendingWritesMerged() {
    RocksStore s = open();
    TreeSet<String> expected = new TreeSet<>();
    for (int i = 0; i < 50; i++) {
      s.put(2, b(String.format("key:%03d", i)), v("x"));
      expected.add(String.format("key:%03d", i));
    }
    s.put(1, b("key:000x"), v("other db"));
    s.put(3, b("a"), v("other db"));
    s.commit();
    for (int i = 0; i < 50; i += 5) {
      s.remove(2, b(String.format("key:%03d", i)));
      expected.remove(String.format("key:%03d", i));
    }
    s.put(2, b("key:0105"), v("pending"));
    s.put(2, b("\u0000first"), v("pending"));
    expected.add("key:0105");
    expected.add("\u0000first");
    List<String> seen = new ArrayList<>();
    byte[] cursor = null;
    while (true) {
      List<byte[]> page = s.keysAfter(2, cursor, 7);
      if (page.isEmpty()) break;
      assertThat(page.size()).isLessThanOrEqualTo(7);
      seen.addAll(strs(page));
      cursor = page.get(page.size() - 1);
    }
    assertThat(seen).containsExactlyElementsOf(expected);
    assertThat(strs(s.keysAfter(2, b("key:010"), 2))).containsExactly("key:0105", "key:011");
    assertThat(strs(s.keysAfter(2, b("key:0099"), 1))).containsExactly("key:0105");
    assertThat(s.keysAfter(2, b("zzz"), 5)).isEmpty();
    assertThat(s.keysAfter(4, null, 5)).isEmpty();
  }

  @Test
  void swapExchangesContentsCountersAndSurvivesRestart() {
    RocksStore s = open();
    s.put(0, b("a"), v("in0", 100));
    s.put(0, b("b"), v("in0"));
    s.put(5, b("c"), v("in5"));
    s.commit();
    s.swap(0, 5);
    assertThat(str(s.get(5, b("a")).data())).isEqualTo("in0");
    assertThat(s.get(0, b("a"))).isNull();
    assertThat(str(s.get(0, b("c")).data())).isEqualTo("in5");
    assertThat(s.size(5)).isEqualTo(2);
    assertThat(s.expiresCount(5)).isEqualTo(1);
    assertThat(s.size(0)).isEqualTo(1);
    assertThat(strs(s.expiredKeys(5, 100, 10))).containsExactly("a");
    s.put(5, b("d"), v("after swap"));
    s.commit();
    s = reopen(s);
    assertThat(strs(s.keysAfter(5, null, 10))).containsExactly("a", "b", "d");
    assertThat(strs(s.keysAfter(0, null, 10))).containsExactly("c");
    assertThat(s.size(5)).isEqualTo(3);
    assertThat(s.size(0)).isEqualTo(1);
    assertThat(s.expiresCount(5)).isEqualTo(1);
    s.swap(5, 5);
    assertThat(s.size(5)).isEqualTo(3);
  }

  @Test
  void clearEmptiesOneDatabaseExactlyAndSurvivesRestart() {
    RocksStore s = open();
    for (int i = 0; i < 20; i++) s.put(1, b("k" + i), v("x", i % 2 == 0 ? 500 : StoredValue.NO_EXPIRY));
    s.put(2, b("keep"), v("x", 9));
    s.commit();
    s.put(1, b("pending"), v("x"));
    s.clear(1);
    assertThat(s.size(1)).isZero();
    assertThat(s.expiresCount(1)).isZero();
    assertThat(s.get(1, b("k0"))).isNull();
    assertThat(s.keysAfter(1, null, 100)).isEmpty();
    assertThat(s.expiredKeys(1, Long.MAX_VALUE, 100)).isEmpty();
    assertThat(s.randomKey(1, new SplittableRandom(1))).isNull();
    s.put(1, b("new"), v("x", 7));
    assertThat(s.size(1)).isEqualTo(1);
    s.commit();
    s.clear(0); // already empty: no-op
    s.commit();
    s = reopen(s);
    assertThat(strs(s.keysAfter(1, null, 100))).containsExactly("new");
    assertThat(s.size(1)).isEqualTo(1);
    assertThat(s.expiresCount(1)).isEqualTo(1);
    assertThat(strs(s.expiredKeys(1, Long.MAX_VALUE, 100))).containsExactly("new");
    assertThat(s.size(2)).isEqualTo(1);
    assertThat(strs(s.expiredKeys(2, Long.MAX_VALUE, 100))).containsExactly("keep");
  }

  @Test
  void clearDeletesTheOldContentsPhysicallyAfterCommit() {
    RocksStore s = open();
    for (int i = 0; i < 100; i++) s.put(4, b("k" + i), v("x"));
    s.put(5, b("other"), v("x"));
    s.commit();
    assertThat(s.rawDataEntriesForTesting()).isEqualTo(101);
    s.clear(4);
    s.commit();
    assertThat(s.rawDataEntriesForTesting()).isEqualTo(1);
  }

  @Test
  void clearInterruptedBeforeTheRangeDeleteIsFinishedAtOpen() {
    RocksStore s = open();
    for (int i = 0; i < 100; i++) s.put(4, b("k" + i), v("x", 1000));
    s.commit();
    s.keepDroppedSlotsForTesting();
    s.clear(4);
    s.put(4, b("fresh"), v("y"));
    s.commit();
    assertThat(s.rawDataEntriesForTesting()).as("old slot still on disk").isEqualTo(101);
    s = reopen(s);
    assertThat(s.rawDataEntriesForTesting()).isEqualTo(1);
    assertThat(strs(s.keysAfter(4, null, 10))).containsExactly("fresh");
    assertThat(s.size(4)).isEqualTo(1);
    assertThat(s.expiresCount(4)).isZero();
    assertThat(s.expiredKeys(4, Long.MAX_VALUE, 10)).isEmpty();
  }

  @Test
  void clearAfterSwapAndRepeatedClearsKeepCountersExact() {
    RocksStore s = open();
    s.put(0, b("x"), v("0"));
    s.put(1, b("y"), v("1"));
    s.swap(0, 1);
    s.clear(0);
    s.put(0, b("z"), v("new"));
    s.clear(0);
    s.put(0, b("w"), v("newer"));
    s.commit();
    s = reopen(s);
    assertThat(strs(s.keysAfter(0, null, 10))).containsExactly("w");
    assertThat(strs(s.keysAfter(1, null, 10))).containsExactly("x");
    assertThat(s.size(0)).isEqualTo(1);
    assertThat(s.size(1)).isEqualTo(1);
  }

  @Test
  void metaIsReadableBeforeCommitAndCommittedWithTheData() {
    RocksStore s = open();
    assertThat(s.getMeta("repl-offset")).isNull();
    s.putMeta("repl-offset", b("10"));
    s.put(0, b("k"), v("v"));
    assertThat(str(s.getMeta("repl-offset"))).isEqualTo("10");
    s.commit();
    s.failCommitsForTesting(true);
    s.putMeta("repl-offset", b("11"));
    s.put(0, b("k2"), v("v"));
    assertThatThrownBy(s::commit).isInstanceOf(RocksStoreException.class);
    assertThat(str(s.getMeta("repl-offset"))).as("meta rolled back with the data").isEqualTo("10");
    assertThat(s.get(0, b("k2"))).isNull();
    s.failCommitsForTesting(false);
    s = reopen(s);
    assertThat(str(s.getMeta("repl-offset"))).isEqualTo("10");
    assertThat(s.get(0, b("k"))).isNotNull();
    assertThat(s.get(0, b("k2"))).isNull();
  }

  @Test
  void failedCommitRollsBackDataCountersSwapAndClear() {
    RocksStore s = open();
    s.put(0, b("a"), v("1", 100));
    s.put(1, b("b"), v("2"));
    s.commit();
    s.failCommitsForTesting(true);
    s.put(0, b("c"), v("3", 50));
    s.remove(0, b("a"));
    s.swap(0, 1);
    s.clear(1);
    s.put(2, b("d"), v("4"));
    assertThatThrownBy(s::commit).isInstanceOf(RocksStoreException.class)
        .hasMessageContaining("commit failed");
    assertThat(str(s.get(0, b("a")).data())).isEqualTo("1");
    assertThat(s.get(0, b("c"))).isNull();
    assertThat(str(s.get(1, b("b")).data())).isEqualTo("2");
    assertThat(s.get(2, b("d"))).isNull();
    assertThat(s.size(0)).isEqualTo(1);
    assertThat(s.expiresCount(0)).isEqualTo(1);
    assertThat(s.size(1)).isEqualTo(1);
    assertThat(s.size(2)).isZero();
    assertThat(strs(s.expiredKeys(0, Long.MAX_VALUE, 10))).containsExactly("a");
    s.failCommitsForTesting(false);
    s.put(0, b("e"), v("5"));
    s.commit();
    s = reopen(s);
    assertThat(strs(s.keysAfter(0, null, 10))).containsExactly("a", "e");
    assertThat(strs(s.keysAfter(1, null, 10))).containsExactly("b");
    assertThat(s.size(0)).isEqualTo(2);
    assertThat(s.expiresCount(0)).isEqualTo(1);
  }

  @Test
  void aWriteThatCannotBeBatchedDropsThePendingBatchAndFailsTheNextCommit() {
    RocksStore s = open();
    s.put(0, b("committed"), v("x", 10));
    s.commit();
    s.limitBatchBytesForTesting(4096);
    s.put(0, b("pending"), v("small", 20));
    s.swap(0, 1);
    assertThatThrownBy(() -> s.put(1, b("big"), v("x".repeat(10_000))))
        .isInstanceOf(RocksStoreException.class);
    assertThat(s.get(0, b("pending"))).as("pending writes dropped").isNull();
    assertThat(s.get(1, b("pending"))).isNull();
    assertThat(s.get(0, b("committed"))).as("swap rolled back too").isNotNull();
    assertThat(s.size(0)).isEqualTo(1);
    assertThat(s.expiresCount(0)).isEqualTo(1);
    assertThat(s.size(1)).isZero();
    assertThatThrownBy(s::commit).isInstanceOf(RocksStoreException.class)
        .hasMessageContaining("discarded");
    s.limitBatchBytesForTesting(0);
    s.put(0, b("after"), v("x"));
    s.commit();
    RocksStore again = reopen(s);
    assertThat(strs(again.keysAfter(0, null, 10))).containsExactly("after", "committed");
    assertThat(again.size(0)).isEqualTo(2);
    assertThat(again.expiresCount(0)).isEqualTo(1);
  }

  @Test
  void randomKeyCoversTheDatabaseAndOnlyIt() {
    RocksStore s = open();
    SplittableRandom random = new SplittableRandom(7);
    assertThat(s.randomKey(0, random)).isNull();
    s.put(0, b("only"), v("x"));
    assertThat(str(s.randomKey(0, random))).isEqualTo("only");
    s.remove(0, b("only"));
    assertThat(s.randomKey(0, random)).isNull();
    for (int i = 0; i < 1000; i++) s.put(0, b("key:" + i), v("x"));
    s.put(1, b("other"), v("x"));
    s.put(15, b("last-db"), v("x"));
    s.commit();
    Map<String, Integer> hits = new HashMap<>();
    int draws = 20_000;
    for (int i = 0; i < draws; i++) hits.merge(str(s.randomKey(0, random)), 1, Integer::sum);
    assertThat(hits.keySet()).allMatch(k -> k.startsWith("key:"));
    assertThat(hits.size()).as("distinct keys drawn").isGreaterThan(950);
    int max = hits.values().stream().max(Integer::compare).orElseThrow();
    assertThat(max).as("no key hogs the draws").isLessThan(draws / 50);
    assertThat(str(s.randomKey(15, random))).isEqualTo("last-db");
  }

  @Test
  void randomKeySeesPendingWritesAndNotPendingDeletes() {
    RocksStore s = open();
    SplittableRandom random = new SplittableRandom(3);
    s.put(0, b("a"), v("x"));
    s.put(0, b("b"), v("x"));
    s.put(0, b("c"), v("x"));
    s.commit();
    s.remove(0, b("b"));
    s.put(0, b("d"), v("pending"));
    TreeSet<String> seen = new TreeSet<>();
    for (int i = 0; i < 500; i++) seen.add(str(s.randomKey(0, random)));
    assertThat(seen).containsExactly("a", "c", "d");
  }

  @Test
  void randomKeyOnUniformKeysIsRoughlyUniform() {
    RocksStore s = open();
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 200; i++) {
      byte[] k = new byte[12];
      random.nextBytes(k);
      s.put(0, k, v("x"));
    }
    s.commit();
    Map<String, Integer> hits = new HashMap<>();
    for (int i = 0; i < 40_000; i++) {
      hits.merge(java.util.HexFormat.of().formatHex(s.randomKey(0, random)), 1, Integer::sum);
    }
    assertThat(hits).hasSize(200);
    assertThat(hits.values()).allMatch(n -> n > 40 && n < 800); // expected 200 each
  }

  @Test
  void secondOpenOfTheSameDirectoryIsRefused() {
    open();
    assertThatThrownBy(() -> RocksStore.open(dir.resolve("db"), 16, SyncPolicy.NO))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already open");
  }

  @Test
  void closedStoreRefusesUseAndCloseIsIdempotent() {
    RocksStore s = open();
    s.close();
    s.close();
    assertThatThrownBy(() -> s.get(0, b("k"))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void checkpointOpensAsACopyOfCommittedState() {
    RocksStore s = open();
    s.put(0, b("a"), v("1", 100));
    s.putMeta("applied-index", b("42"));
    s.swap(0, 7);
    Path cp = s.checkpoint(dir.resolve("cp"));
    s.put(7, b("after"), v("2"));
    s.commit();
    try (RocksStore copy = RocksStore.open(cp, 16, SyncPolicy.NO)) {
      assertThat(strs(copy.keysAfter(7, null, 10))).containsExactly("a");
      assertThat(copy.size(7)).isEqualTo(1);
      assertThat(copy.expiresCount(7)).isEqualTo(1);
      assertThat(str(copy.getMeta("applied-index"))).isEqualTo("42");
    }
  }

  @Test
  void flushWritesSstFilesAndKeepsData() {
    RocksStore s = open();
    assertThat(s.diskBytes()).isZero();
    for (int i = 0; i < 1000; i++) s.put(0, b("k" + i), v("value-" + i));
    s.flush();
    assertThat(s.diskBytes()).isPositive();
    s = reopen(s);
    assertThat(s.size(0)).isEqualTo(1000);
    assertThat(str(s.get(0, b("k999")).data())).isEqualTo("value-999");
  }

  @Test
  void growingTheDatabaseCountKeepsExistingData() {
    RocksStore s = open(2);
    s.put(1, b("k"), v("x"));
    s.close();
    s = open(4);
    assertThat(s.databases()).isEqualTo(4);
    assertThat(s.size(1)).isEqualTo(1);
    s.put(3, b("k3"), v("x"));
    s.close();
    s = open(2);
    assertThatThrownBy(() -> opened.get(2).get(3, b("k3"))).isInstanceOf(IndexOutOfBoundsException.class);
    s.close();
    s = open(4);
    assertThat(s.size(3)).isEqualTo(1);
  }

  @Test
  void everysecSyncsTheWalInTheBackgroundAfterARuntimeSwitch() throws Exception {
    RocksStore s = open();
    s.put(0, b("k"), v("v"));
    s.commit();
    Thread other = new Thread(() -> s.setSyncPolicy(SyncPolicy.EVERYSEC));
    other.start();
    other.join();
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (s.backgroundSyncs() == 0 && System.nanoTime() < deadline) Thread.sleep(20);
    assertThat(s.backgroundSyncs()).as("a background WAL sync happened").isPositive();
    assertThat(s.syncPolicy()).isEqualTo(SyncPolicy.EVERYSEC);
  }

  @Test
  void syncPolicyParsesAppendfsyncValues() {
    assertThat(SyncPolicy.of("always")).isEqualTo(SyncPolicy.ALWAYS);
    assertThat(SyncPolicy.of("EverySec")).isEqualTo(SyncPolicy.EVERYSEC);
    assertThat(SyncPolicy.of("no")).isEqualTo(SyncPolicy.NO);
    assertThat(SyncPolicy.EVERYSEC.configValue()).isEqualTo("everysec");
    assertThatThrownBy(() -> SyncPolicy.of("sometimes")).isInstanceOf(IllegalArgumentException.class);
    RocksStore s = open();
    s.setSyncPolicy(SyncPolicy.ALWAYS);
    s.put(0, b("k"), v("v"));
    s.commit();
    assertThat(s.syncPolicy()).isEqualTo(SyncPolicy.ALWAYS);
  }
}
