package io.kvstore.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvstore.core.store.StoredValue;
import io.kvstore.persistence.rdb.RdbAux;
import io.kvstore.persistence.rdb.RdbEntry;
import io.kvstore.persistence.rdb.RdbEntryIterator;
import io.kvstore.persistence.rdb.RdbReader;
import io.kvstore.persistence.rdb.RdbWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreSnapshotTest {
  @TempDir Path dir;
  private RocksStore store;

  private RocksStore open() {
    store = RocksStore.open(dir.resolve("db"), 16, SyncPolicy.NO);
    return store;
  }

  @AfterEach
  void close() {
    if (store != null) store.close();
  }

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String str(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  /** "key=value@expireAt" for every entry of a database, in order. */
  static List<String> dump(StoreSnapshot s, int db) {
    List<String> out = new ArrayList<>();
    try (RdbEntryIterator it = s.entries(db)) {
      while (it.hasNext()) {
        RdbEntry e = it.next();
        assertThat(e.db()).isEqualTo(db);
        out.add(str(e.key()) + "=" + str(e.value()) + (e.hasExpiry() ? "@" + e.expireAt() : ""));
      }
    }
    return out;
  }

  @Test
  void laterWritesAreNotVisibleInTheSnapshot() {
    RocksStore s = open();
    s.put(0, b("a"), StoredValue.string(b("1"), -1));
    s.put(0, b("b"), StoredValue.string(b("2"), 5000));
    s.put(1, b("x"), StoredValue.string(b("in1"), -1));
    s.putMeta("repl-offset", b("100"));
    s.commit();
    s.put(0, b("c"), StoredValue.string(b("3"), -1)); // pending: the snapshot commits it first
    try (StoreSnapshot snap = s.snapshot()) {
      s.put(0, b("d"), StoredValue.string(b("4"), -1));
      s.remove(0, b("a"));
      s.put(0, b("b"), StoredValue.string(b("changed"), -1));
      s.putMeta("repl-offset", b("200"));
      s.commit();
      s.swap(0, 1);
      s.clear(1);
      s.put(2, b("new"), StoredValue.string(b("db2"), -1));
      s.commit();
      s.flush(); // memtables to SST files: the snapshot still reads the old versions

      assertThat(dump(snap, 0)).containsExactly("a=1", "b=2@5000", "c=3");
      assertThat(dump(snap, 1)).containsExactly("x=in1");
      assertThat(dump(snap, 2)).isEmpty();
      assertThat(snap.size(0)).isEqualTo(3);
      assertThat(snap.expires(0)).isEqualTo(1);
      assertThat(snap.size(1)).isEqualTo(1);
      assertThat(snap.totalKeys()).isEqualTo(4);
      assertThat(str(snap.meta("repl-offset"))).isEqualTo("100");
      assertThat(snap.meta("absent")).isNull();

      try (StoreSnapshot now = s.snapshot()) {
        assertThat(dump(now, 0)).containsExactly("x=in1");
        assertThat(dump(now, 1)).isEmpty();
        assertThat(dump(now, 2)).containsExactly("new=db2");
        assertThat(str(now.meta("repl-offset"))).isEqualTo("200");
        assertThat(s.openSnapshots()).isEqualTo(2);
      }
    }
    assertThat(s.openSnapshots()).isZero();
  }

  @Test
  void isReadableFromAnotherThreadWhileTheEngineWrites() throws Exception {
    RocksStore s = open();
    Map<String, String> expected = new LinkedHashMap<>();
    for (int i = 0; i < 20_000; i++) {
      String k = String.format("key:%06d", i);
      s.put(i % 3, b(k), StoredValue.string(b("v" + i), -1));
      if (i % 3 == 0) expected.put(k, "v" + i);
    }
    StoreSnapshot snap = s.snapshot();
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<List<String>> reader = CompletableFuture.supplyAsync(() -> {
      List<String> seen = new ArrayList<>();
      try (RdbEntryIterator it = snap.entries(0)) {
        started.countDown();
        while (it.hasNext()) {
          RdbEntry e = it.next();
          seen.add(str(e.key()) + "=" + str(e.value()));
        }
      }
      return seen;
    });
    assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < 20_000; i++) {
      String k = String.format("key:%06d", i);
      if (i % 2 == 0) {
        s.remove(0, b(k));
      } else {
        s.put(0, b(k), StoredValue.string(b("overwritten"), 1));
      }
      s.put(0, b("added:" + i), StoredValue.string(b("x"), -1));
      if (i % 500 == 0) s.commit();
    }
    s.commit();
    List<String> seen = reader.get(60, TimeUnit.SECONDS);
    assertThat(seen).containsExactlyElementsOf(
        expected.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    snap.close();
  }

  @Test
  void closingTheStoreInvalidatesOpenSnapshots() {
    RocksStore s = open();
    for (int i = 0; i < 1000; i++) s.put(0, b("k" + i), StoredValue.string(b("v"), -1));
    StoreSnapshot snap = s.snapshot();
    RdbEntryIterator it = snap.entries(0);
    assertThat(it.hasNext()).isTrue();
    s.close();
    store = null;
    assertThatThrownBy(() -> {
      while (it.hasNext()) it.next();
    }).isInstanceOf(IllegalStateException.class).hasMessageContaining("the store was closed");
    assertThatThrownBy(() -> snap.entries(0)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> snap.meta("x")).isInstanceOf(IllegalStateException.class);
    it.close();
    snap.close();
  }

  @Test
  void iteratesAcrossChunksAndClosesIteratorsWithTheSnapshot() {
    RocksStore s = open();
    for (int i = 0; i < 1000; i++) s.put(4, b(String.format("%04d", i)), StoredValue.string(b("v" + i), -1));
    StoreSnapshot snap = s.snapshot();
    List<String> all = dump(snap, 4);
    assertThat(all).hasSize(1000);
    assertThat(all.get(0)).isEqualTo("0000=v0");
    assertThat(all.get(999)).isEqualTo("0999=v999");
    RdbEntryIterator open = snap.entries(4);
    open.next();
    snap.close();
    assertThatThrownBy(open::hasNext).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("snapshot closed");
    open.close();
    assertThat(s.openSnapshots()).isZero();
  }

  @Test
  void writesAnRdbOfTheSnapshotIncludingExpiredKeys() throws Exception {
    RocksStore s = open();
    s.put(0, b("live"), StoredValue.string(b("1234"), -1));
    s.put(0, b("expired"), StoredValue.string(b("gone soon"), 1));
    s.put(9, b("big"), StoredValue.string(b("z".repeat(5000)), 4102444800000L));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (StoreSnapshot snap = s.snapshot()) {
      s.put(0, b("after"), StoredValue.string(b("no"), -1));
      s.commit();
      RdbWriter.write(out, RdbAux.of(1_700_000_000L, 1 << 20), snap);
    }
    List<RdbEntry> read = new ArrayList<>();
    new RdbReader(new ByteArrayInputStream(out.toByteArray()))
        .read((db, k, v, e) -> read.add(new RdbEntry(db, k, v, e)));
    assertThat(read).containsExactly(
        new RdbEntry(0, b("expired"), b("gone soon"), 1),
        new RdbEntry(0, b("live"), b("1234"), -1),
        new RdbEntry(9, b("big"), b("z".repeat(5000)), 4102444800000L));
  }
}
