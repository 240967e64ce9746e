package io.kvstore.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvstore.core.store.StoredValue;
import io.kvstore.persistence.rdb.RdbAux;
import io.kvstore.persistence.rdb.RdbException;
import io.kvstore.persistence.rdb.RdbLoader;
import io.kvstore.persistence.rdb.RdbWriter;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dataset switch of a full resync: build beside the current dataset, install atomically. */
class DatasetStoreTest {
  @TempDir Path dir;
  private final List<AutoCloseable> opened = new ArrayList<>();

  private DatasetStore open() {
    return open(SyncPolicy.NO);
  }

  private DatasetStore open(SyncPolicy policy) {
    DatasetStore s = DatasetStore.open(dir, 16, policy);
    opened.add(s);
    return s;
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : opened) c.close();
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

  private String pointer() throws Exception {
    return Files.readString(dir.resolve(DatasetFiles.POINTER)).trim();
  }

  private List<String> datasetDirs() {
    return DatasetFiles.datasetEntries(dir).stream().map(p -> p.getFileName().toString()).toList();
  }

  /** Keys old:0..n-1 in db 0 (every third with an expiry), meta repl-id=old, committed. */
  private static void fillOld(DatasetStore s, int n) {
    for (int i = 0; i < n; i++) {
      s.put(0, b("old:" + i), StoredValue.string(b("o" + i), i % 3 == 0 ? 5_000_000_000_000L + i : -1));
    }
    s.putMeta("repl-id", b("old"));
    s.commit();
  }

  @Test
  void aNewDirectoryGetsDatasetOneAndReopeningKeepsTheData() throws Exception {
    DatasetStore s = open();
    assertThat(pointer()).isEqualTo("dataset-1");
    assertThat(s.currentDataset()).isEqualTo(1);
    assertThat(s.current().directory()).isEqualTo(dir.resolve("dataset-1"));
    fillOld(s, 10);
    s.put(3, b("k"), v("v"));
    s.commit();
    s.close();
    s.close(); // idempotent

    DatasetStore again = open();
    assertThat(again.currentDataset()).isEqualTo(1);
    assertThat(again.size(0)).isEqualTo(10);
    assertThat(again.expiresCount(0)).isEqualTo(4);
    assertThat(str(again.get(3, b("k")).data())).isEqualTo("v");
    assertThat(str(again.getMeta("repl-id"))).isEqualTo("old");
    assertThat(datasetDirs()).containsExactly("dataset-1");
  }

  @Test
  void aSecondOpenOfTheSameDirectoryIsRefused() {
    open();
    assertThatThrownBy(() -> DatasetStore.open(dir, 16, SyncPolicy.NO))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("is already open");
  }

  @Test
  void everyStoreCallReachesTheCurrentDataset() {
    DatasetStore s = open();
    s.put(0, b("a"), v("1"));
    s.put(0, b("b"), StoredValue.string(b("2"), 100));
    s.put(1, b("c"), v("3"));
    assertThat(s.databases()).isEqualTo(16);
    assertThat(s.keysAfter(0, null, 10)).extracting(DatasetStoreTest::str).containsExactly("a", "b");
    assertThat(s.expiredKeys(0, 200, 10)).extracting(DatasetStoreTest::str).containsExactly("b");
    assertThat(str(s.randomKey(1, new java.util.SplittableRandom(1)))).isEqualTo("c");
    assertThat(s.remove(0, b("a"))).isTrue();
    s.swap(0, 1);
    assertThat(s.size(0)).isEqualTo(1);
    assertThat(str(s.get(0, b("c")).data())).isEqualTo("3");
    s.clear(0);
    assertThat(s.size(0)).isZero();
    s.commit();
    s.flush();
    assertThat(s.diskBytes()).isPositive();
    try (StoreSnapshot snap = s.snapshot()) {
      assertThat(snap.totalKeys()).isEqualTo(1);
    }
    Path cp = s.checkpoint(dir.resolve("cp"));
    try (RocksStore copy = RocksStore.open(cp, 16, SyncPolicy.NO)) {
      assertThat(copy.size(1)).isEqualTo(1);
    }
    s.setSyncPolicy(SyncPolicy.ALWAYS);
    assertThat(s.syncPolicy()).isEqualTo(SyncPolicy.ALWAYS);
    assertThat(s.current().syncPolicy()).isEqualTo(SyncPolicy.ALWAYS);
  }

  @Test
  void aLoadFilledOnAnotherThreadWhileTheEngineWritesIsInstalledWhole() throws Exception {
    DatasetStore s = open(SyncPolicy.EVERYSEC);
    fillOld(s, 1000);
    DatasetLoad load = s.beginLoad();
    assertThat(load.number()).isEqualTo(2);
    assertThat(load.directory()).isEqualTo(dir.resolve("dataset-2"));
    assertThat(load.state()).isEqualTo(DatasetLoad.State.LOADING);

    int newKeys = 3 * DatasetLoad.CHUNK_KEYS + 123; // several automatic chunk commits
    CountDownLatch engineWrote = new CountDownLatch(1);
    CompletableFuture<Void> loader = CompletableFuture.runAsync(() -> {
      try {
        assertThat(engineWrote.await(60, TimeUnit.SECONDS)).isTrue();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      for (int i = 0; i < newKeys; i++) {
        load.put(i % 4, b("new:" + i), b("n" + i), i % 5 == 0 ? 6_000_000_000_000L + i : -1);
      }
      load.putMeta("repl-id", b("new"));
      load.putMeta("repl-offset", b("12345"));
      load.finish();
    });

    // The engine thread keeps serving and writing the old dataset meanwhile.
    int engineWrites = 0;
    do {
      s.put(0, b("old:" + (1000 + engineWrites)), v("w"));
      s.commit();
      engineWrites++;
      if (engineWrites == 10) engineWrote.countDown();
    } while (engineWrites < 10 || !loader.isDone());
    loader.get(60, TimeUnit.SECONDS);
    assertThat(s.size(0)).isEqualTo(1000 + engineWrites);
    assertThat(str(s.get(0, b("old:5")).data())).isEqualTo("o5");
    assertThat(s.get(0, b("new:0"))).isNull();
    assertThat(load.state()).isEqualTo(DatasetLoad.State.FINISHED);
    assertThatThrownBy(() -> load.put(0, b("late"), b("x"), -1))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("finished");

    s.setSyncPolicy(SyncPolicy.ALWAYS);
    s.setCacheBytes(1 << 20);
    s.install(load);
    assertThat(load.state()).isEqualTo(DatasetLoad.State.INSTALLED);
    assertThat(s.currentDataset()).isEqualTo(2);
    assertThat(pointer()).isEqualTo("dataset-2");
    assertThat(datasetDirs()).containsExactly("dataset-2");
    assertThat(s.pendingLoads()).isZero();
    assertThat(s.current().syncPolicy()).isEqualTo(SyncPolicy.ALWAYS);
    assertThat(s.current().cacheBytes()).isEqualTo(1 << 20);
    assertNewDataset(s, newKeys);
    assertThatThrownBy(() -> s.install(load)).isInstanceOf(IllegalStateException.class);
    assertThat(load.abort()).isFalse();

    s.put(5, b("after"), v("install"));
    s.commit();
    s.close();
    DatasetStore again = open();
    assertThat(again.currentDataset()).isEqualTo(2);
    assertNewDataset(again, newKeys);
    assertThat(str(again.get(5, b("after")).data())).isEqualTo("install");
    assertThat(again.beginLoad().number()).isEqualTo(3);
  }

  private static void assertNewDataset(DatasetStore s, int newKeys) {
    long total = 0;
    for (int db = 0; db < 4; db++) {
      final int d = db;
      long keys = java.util.stream.IntStream.range(0, newKeys).filter(i -> i % 4 == d).count();
      long withExpiry = java.util.stream.IntStream.range(0, newKeys).filter(i -> i % 4 == d && i % 5 == 0).count();
      assertThat(s.size(db)).as("db %d", db).isEqualTo(keys);
      assertThat(s.expiresCount(db)).as("db %d expires", db).isEqualTo(withExpiry);
      total += s.keysAfter(db, null, Integer.MAX_VALUE).size();
    }
    assertThat(total).isEqualTo(newKeys);
    assertThat(s.get(0, b("old:5"))).isNull();
    assertThat(s.get(0, b("old:1000"))).isNull();
    assertThat(str(s.get(3, b("new:7")).data())).isEqualTo("n7");
    assertThat(s.get(0, b("new:20")).expireAt()).isEqualTo(6_000_000_000_020L);
    assertThat(str(s.getMeta("repl-id"))).isEqualTo("new");
    assertThat(str(s.getMeta("repl-offset"))).isEqualTo("12345");
  }

  @Test
  void abortLeavesTheOldDatasetUntouched() throws Exception {
    DatasetStore s = open();
    fillOld(s, 100);
    DatasetLoad load = s.beginLoad();
    for (int i = 0; i < 50; i++) load.put(0, b("old:" + i), b("replaced"), -1);
    load.putMeta("repl-id", b("new"));
    load.commit();
    assertThat(load.size(0)).isEqualTo(50);
    assertThat(str(load.getMeta("repl-id"))).isEqualTo("new");
    assertThat(s.pendingLoads()).isEqualTo(1);

    assertThat(load.abort()).isTrue();
    assertThat(load.abort()).isFalse();
    assertThat(load.state()).isEqualTo(DatasetLoad.State.ABORTED);
    assertThat(load.directory()).doesNotExist();
    assertThat(s.pendingLoads()).isZero();
    assertThatThrownBy(() -> load.put(0, b("k"), b("v"), -1)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> load.get(0, b("k"))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> s.install(load)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("aborted");
    assertThat(pointer()).isEqualTo("dataset-1");
    assertThat(s.size(0)).isEqualTo(100);
    assertThat(str(s.get(0, b("old:3")).data())).isEqualTo("o3");
    assertThat(str(s.getMeta("repl-id"))).isEqualTo("old");

    DatasetLoad second = s.beginLoad();
    assertThat(second.number()).isEqualTo(3);
    s.close();
    assertThat(second.state()).as("closing the store aborts its loads").isEqualTo(DatasetLoad.State.ABORTED);
    DatasetStore again = open();
    assertThat(again.size(0)).isEqualTo(100);
    assertThat(datasetDirs()).containsExactly("dataset-1");
  }

  @Test
  void aLoadOfAnotherStoreIsRefused() {
    DatasetStore s = open();
    try (DatasetStore other = DatasetStore.open(dir.resolve("other"), 16, SyncPolicy.NO)) {
      DatasetLoad foreign = other.beginLoad();
      assertThatThrownBy(() -> s.install(foreign)).isInstanceOf(IllegalArgumentException.class);
      assertThat(foreign.state()).isEqualTo(DatasetLoad.State.LOADING);
    }
    assertThat(s.currentDataset()).isEqualTo(1);
  }

  @Test
  void leftoversOfAnInterruptedLoadAreRemovedAndTheOldDatasetIsIntact() throws Exception {
    DatasetStore s = open();
    fillOld(s, 200);
    s.close();
    // A load cut short: a database with some chunks committed, never finished.
    try (RocksStore partial = RocksStore.open(dir.resolve("dataset-2"), 16, SyncPolicy.NO)) {
      for (int i = 0; i < 30; i++) partial.put(0, b("new:" + i), v("n"));
      partial.commit();
    }
    // One killed right after it created its directory and first files.
    Files.createDirectories(dir.resolve("dataset-3"));
    Files.write(dir.resolve("dataset-3").resolve("000004.log"), new byte[] {1, 2, 3});
    // A checkpoint still under its temporary name, and a pointer replacement never renamed.
    Files.createDirectories(dir.resolve("dataset-4.tmp"));
    Files.writeString(dir.resolve(DatasetFiles.POINTER_TMP), "dataset-3\n");

    DatasetStore again = open();
    assertThat(again.currentDataset()).isEqualTo(1);
    assertThat(pointer()).isEqualTo("dataset-1");
    assertThat(again.size(0)).isEqualTo(200);
    assertThat(again.expiresCount(0)).isEqualTo(67);
    assertThat(again.get(0, b("new:0"))).isNull();
    assertThat(str(again.getMeta("repl-id"))).isEqualTo("old");
    assertThat(datasetDirs()).containsExactly("dataset-1");
    assertThat(dir.resolve(DatasetFiles.POINTER_TMP)).doesNotExist();
    assertThat(again.beginLoad().number()).as("numbers are not reused").isEqualTo(5);
  }

  /** What a load leaves once finished: a complete, flushed dataset in {@code dataset-<n>}. */
  private void completeDataset(int n, int keys) {
    try (RocksStore done = RocksStore.open(dir.resolve("dataset-" + n), 16, SyncPolicy.NO)) {
      for (int i = 0; i < keys; i++) done.put(0, b("new:" + i), v("n"));
      done.putMeta("repl-id", b("new"));
      done.flush();
    }
  }

  @Test
  void aCompleteNewerDatasetWithoutThePointerSwitchLosesToThePointer() throws Exception {
    DatasetStore s = open();
    fillOld(s, 50);
    s.close();
    completeDataset(2, 80); // a crash right before the pointer moved
    assertThat(datasetDirs()).containsExactly("dataset-1", "dataset-2");

    DatasetStore again = open();
    assertThat(again.currentDataset()).isEqualTo(1);
    assertThat(again.size(0)).isEqualTo(50);
    assertThat(again.get(0, b("new:0"))).isNull();
    assertThat(str(again.getMeta("repl-id"))).isEqualTo("old");
    assertThat(datasetDirs()).containsExactly("dataset-1");
  }

  @Test
  void afterThePointerSwitchTheOldDatasetIsRemovedAtOpen() throws Exception {
    DatasetStore s = open();
    fillOld(s, 50);
    s.close();
    completeDataset(2, 80);
    DatasetFiles.writePointer(dir, 2); // a crash right after the pointer moved

    DatasetStore again = open();
    assertThat(again.currentDataset()).isEqualTo(2);
    assertThat(again.size(0)).isEqualTo(80);
    assertThat(again.get(0, b("old:1"))).isNull();
    assertThat(str(again.getMeta("repl-id"))).isEqualTo("new");
    assertThat(datasetDirs()).containsExactly("dataset-2");
  }

  @Test
  void aMissingOrDanglingPointerIsRefusedRatherThanGuessed() throws Exception {
    DatasetStore s = open();
    fillOld(s, 5);
    s.close();
    Files.delete(dir.resolve(DatasetFiles.POINTER));
    assertThatThrownBy(() -> DatasetStore.open(dir, 16, SyncPolicy.NO))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no CURRENT-DATASET file");
    DatasetFiles.writePointer(dir, 7);
    assertThatThrownBy(() -> DatasetStore.open(dir, 16, SyncPolicy.NO))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("names dataset-7, which does not exist");
    Files.writeString(dir.resolve(DatasetFiles.POINTER), "garbage\n");
    assertThatThrownBy(() -> DatasetStore.open(dir, 16, SyncPolicy.NO))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not name a dataset");
    DatasetFiles.writePointer(dir, 1);
    assertThat(datasetDirs()).containsExactly("dataset-1");
    assertThat(open().size(0)).isEqualTo(5);
  }

  @Test
  void aStoreKeptDirectlyInTheDirectoryIsMovedIntoDatasetOne() throws Exception {
    try (RocksStore legacy = RocksStore.open(dir, 16, SyncPolicy.NO)) {
      legacy.put(2, b("kept"), StoredValue.string(b("yes"), 7_000_000_000_000L));
      legacy.putMeta("repl-id", b("legacy"));
      legacy.commit();
    }
    Files.writeString(dir.resolve("notes.txt"), "not ours");
    assertThat(LegacyStoreMigration.present(dir)).isTrue();

    DatasetStore s = open();
    assertThat(s.currentDataset()).isEqualTo(1);
    assertThat(str(s.get(2, b("kept")).data())).isEqualTo("yes");
    assertThat(s.expiresCount(2)).isEqualTo(1);
    assertThat(str(s.getMeta("repl-id"))).isEqualTo("legacy");
    assertThat(LegacyStoreMigration.present(dir)).isFalse();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("dataset-1", "CURRENT-DATASET", "CURRENT-DATASET.lock", "notes.txt");
    }
    s.close();
    assertThat(open().size(2)).isEqualTo(1);
  }

  @Test
  void rdbBytesLoadIntoADatasetAndAreInstalled() throws Exception {
    // A "master" dataset written as an RDB stream.
    byte[] rdb;
    try (RocksStore master = RocksStore.open(dir.resolve("master"), 16, SyncPolicy.NO)) {
      for (int i = 0; i < 500; i++) {
        master.put(i % 3, b("m:" + i), StoredValue.string(b(i % 2 == 0 ? Integer.toString(i) : "val-" + i),
            i % 7 == 0 ? 8_000_000_000_000L + i : -1));
      }
      master.commit();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (StoreSnapshot snap = master.snapshot()) {
        RdbWriter.write(out, RdbAux.of(1_700_000_000L, 0)
            .withReplication(0, "0123456789abcdef0123456789abcdef01234567", 4242L), snap);
      }
      rdb = out.toByteArray();
    }
    Path replicaDir = dir.resolve("replica");
    DatasetStore s = DatasetStore.open(replicaDir, 16, SyncPolicy.EVERYSEC);
    opened.add(s);
    s.put(0, b("stale"), v("old"));
    s.putMeta("repl-offset", b("1"));
    s.commit();

    // A truncated transfer fails the load, which is aborted: nothing changes.
    DatasetLoad broken = s.beginLoad();
    assertThatThrownBy(() -> broken.loadRdb(new RdbLoader(16, SyncPolicy.NO, 64),
        new ByteArrayInputStream(Arrays.copyOf(rdb, rdb.length / 2)), null))
        .isInstanceOf(RdbException.class);
    broken.abort();
    assertThat(str(s.get(0, b("stale")).data())).isEqualTo("old");

    DatasetLoad load = s.beginLoad();
    RdbLoader.Result r = CompletableFuture.supplyAsync(() -> {
      try {
        RdbLoader.Result res = load.loadRdb(new RdbLoader(16, SyncPolicy.NO, 64),
            new BufferedInputStream(new ByteArrayInputStream(rdb)), (store, info) -> {
              store.putMeta("repl-id", b(info.replId()));
              store.putMeta("repl-offset", b(Long.toString(info.replOffset())));
            });
        load.finish();
        return res;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).get(60, TimeUnit.SECONDS);
    assertThat(r.keysLoaded()).isEqualTo(500);
    assertThat(s.get(0, b("m:0"))).as("not visible before install").isNull();
    s.install(load);

    assertThat(s.get(0, b("stale"))).isNull();
    assertThat(s.size(0) + s.size(1) + s.size(2)).isEqualTo(500);
    assertThat(s.size(1)).isEqualTo(167);
    assertThat(str(s.get(1, b("m:1")).data())).isEqualTo("val-1");
    assertThat(str(s.get(0, b("m:42")).data())).isEqualTo("42");
    assertThat(s.get(0, b("m:42")).expireAt()).isEqualTo(8_000_000_000_042L);
    assertThat(str(s.getMeta("repl-id"))).isEqualTo("0123456789abcdef0123456789abcdef01234567");
    assertThat(str(s.getMeta("repl-offset"))).isEqualTo("4242");
    assertThat(s.current().syncPolicy()).isEqualTo(SyncPolicy.EVERYSEC);
    assertThat(DatasetFiles.datasetEntries(replicaDir)).containsExactly(replicaDir.resolve("dataset-3"));
  }
}
