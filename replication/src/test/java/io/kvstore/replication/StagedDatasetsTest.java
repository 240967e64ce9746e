package io.kvstore.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvstore.core.store.MemoryStore;
import io.kvstore.core.store.StoredValue;
import io.kvstore.persistence.rdb.RdbAux;
import io.kvstore.persistence.rdb.RdbException;
import io.kvstore.persistence.rdb.RdbWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StagedDatasetsTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String get(MemoryStore s, int db, String k) {
    StoredValue v = s.get(db, b(k));
    return v == null ? null : new String(v.data(), StandardCharsets.UTF_8);
  }

  @Test
  void aSnapshotRoundTripsIntoAnotherStoreWithTheMetadata() throws Exception {
    MemoryStore source = new MemoryStore(4);
    source.put(0, b("a"), StoredValue.string(b("1"), StoredValue.NO_EXPIRY));
    source.put(3, b("e"), StoredValue.string(b("x"), 1_900_000_000_000L));
    ByteArrayOutputStream rdb = new ByteArrayOutputStream();
    try (Datasets.Snapshot snap = Datasets.of(source, () -> {}).snapshot()) {
      RdbWriter.write(rdb, RdbAux.of(1, 1), snap.source());
    }
    source.put(0, b("later"), StoredValue.string(b("no"), StoredValue.NO_EXPIRY));

    MemoryStore target = new MemoryStore(4);
    target.put(1, b("old"), StoredValue.string(b("gone"), StoredValue.NO_EXPIRY));
    AtomicInteger touched = new AtomicInteger();
    Datasets.Load load = Datasets.of(target, touched::incrementAndGet).beginLoad();
    assertThat(load.load(new ByteArrayInputStream(rdb.toByteArray()), Map.of("repl-id", b("id"))))
        .isEqualTo(2);
    assertThat(get(target, 1, "old")).isEqualTo("gone"); // untouched until installed
    load.install();
    assertThat(get(target, 0, "a")).isEqualTo("1");
    assertThat(target.get(3, b("e")).expireAt()).isEqualTo(1_900_000_000_000L);
    assertThat(get(target, 0, "later")).isNull();
    assertThat(get(target, 1, "old")).isNull();
    assertThat(target.getMeta("repl-id")).isEqualTo(b("id"));
    assertThat(touched).hasValue(1);
    assertThat(load.abort()).isFalse();
  }

  @Test
  void aCorruptStreamLeavesTheStoreAsItWas() throws Exception {
    MemoryStore source = new MemoryStore(1);
    source.put(0, b("k"), StoredValue.string(b("v"), StoredValue.NO_EXPIRY));
    ByteArrayOutputStream rdb = new ByteArrayOutputStream();
    try (Datasets.Snapshot snap = Datasets.of(source, () -> {}).snapshot()) {
      RdbWriter.write(rdb, RdbAux.of(1, 1), snap.source());
    }
    byte[] bad = rdb.toByteArray();
    bad[bad.length - 1] ^= 1;
    MemoryStore target = new MemoryStore(1);
    target.put(0, b("mine"), StoredValue.string(b("1"), StoredValue.NO_EXPIRY));
    Datasets.Load load = Datasets.of(target, () -> {}).beginLoad();
    assertThatThrownBy(() -> load.load(new ByteArrayInputStream(bad), Map.of()))
        .isInstanceOf(RdbException.class).hasMessageContaining("checksum");
    assertThat(load.abort()).isTrue();
    assertThat(get(target, 0, "mine")).isEqualTo("1");
    byte[] truncated = Arrays.copyOf(rdb.toByteArray(), rdb.size() - 4);
    Datasets.Load again = Datasets.of(target, () -> {}).beginLoad();
    assertThatThrownBy(() -> again.load(new ByteArrayInputStream(truncated), Map.of()))
        .isInstanceOf(java.io.IOException.class);
    assertThat(get(target, 0, "mine")).isEqualTo("1");
  }
}
