package io.kvstore.persistence.rdb;

import static io.kvstore.persistence.rdb.RdbFixtures.b;
import static io.kvstore.persistence.rdb.RdbFixtures.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvstore.core.store.StoredValue;
import io.kvstore.persistence.RocksStore;
import io.kvstore.persistence.SyncPolicy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RdbLoaderTest {
  @TempDir Path dir;

  private static byte[] rdb(List<RdbEntry> entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RdbWriter.write(out, RdbAux.of(1_700_000_000L, 0).withReplication(0,
        "0123456789abcdef0123456789abcdef01234567", 987654321L), RdbSource.of(entries));
    return out.toByteArray();
  }

  @Test
  void loads100kKeysInChunksIntoAFreshStore() throws IOException {
    List<RdbEntry> entries = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      int db = i % 4;
      String value = i % 5 == 0 ? Integer.toString(i) : "value-" + i + "-" + "x".repeat(i % 50);
      entries.add(new RdbEntry(db, b("key:" + i), b(value), i % 7 == 0 ? 4_000_000_000_000L + i : -1));
    }
    entries.sort((x, y) -> Integer.compare(x.db(), y.db()));
    byte[] file = rdb(entries);
    Path staging = dir.resolve("staging");
    CountingStream in = new CountingStream(new ByteArrayInputStream(file));
    RdbLoader.Result r = new RdbLoader(16, SyncPolicy.NO, 5000).load(in, staging,
        (store, info) -> store.putMeta("repl-id", b(info.replId())));
    assertThat(r.keysLoaded()).isEqualTo(100_000);
    assertThat(r.expiredDropped()).isZero();
    assertThat(r.info().replOffset()).isEqualTo(987654321L);
    assertThat(in.read).isEqualTo(file.length);

    try (RocksStore s = RocksStore.open(staging, 16, SyncPolicy.NO)) {
      for (int db = 0; db < 4; db++) {
        final int d = db;
        assertThat(s.size(db)).isEqualTo(25_000);
        assertThat(s.expiresCount(db)).isEqualTo(entries.stream().filter(e -> e.db() == d && e.hasExpiry()).count());
      }
      assertThat(s.size(4)).isZero();
      for (RdbEntry e : entries) {
        StoredValue v = s.get(e.db(), e.key());
        assertThat(v).as(str(e.key())).isNotNull();
        assertThat(v.data()).isEqualTo(e.value());
        assertThat(v.expireAt()).isEqualTo(e.expireAt());
      }
      assertThat(str(s.getMeta("repl-id"))).isEqualTo("0123456789abcdef0123456789abcdef01234567");
    }
  }

  @Test
  void loadsAFileSavedByRedis() throws IOException {
    Path staging = dir.resolve("s");
    RdbLoader.Result r = new RdbLoader(16, SyncPolicy.NO, 10)
        .load(new ByteArrayInputStream(RdbFixtures.resource("strings.rdb")), staging, null);
    assertThat(r.keysLoaded()).isEqualTo(42);
    try (RocksStore s = RocksStore.open(staging, 16, SyncPolicy.NO)) {
      assertThat(s.size(0)).isEqualTo(39);
      assertThat(s.size(3)).isEqualTo(2);
      assertThat(s.size(15)).isEqualTo(1);
      assertThat(str(s.get(0, b("int:16")).data())).isEqualTo("-9223372036854775808");
      assertThat(s.get(3, b("n3")).expireAt()).isEqualTo(4102444800999L);
    }
  }

  @Test
  void dropsKeysAlreadyExpiredWhenAsked() throws IOException {
    byte[] f = rdb(List.of(new RdbEntry(0, b("old"), b("1"), 1000), new RdbEntry(0, b("new"), b("2"), 3000),
        new RdbEntry(0, b("none"), b("3"), -1)));
    Path staging = dir.resolve("s");
    RdbLoader.Result r = new RdbLoader(16, SyncPolicy.NO, 100).dropExpiredBefore(2000)
        .load(new ByteArrayInputStream(f), staging, null);
    assertThat(r.keysLoaded()).isEqualTo(2);
    assertThat(r.expiredDropped()).isEqualTo(1);
    try (RocksStore s = RocksStore.open(staging, 16, SyncPolicy.NO)) {
      assertThat(s.get(0, b("old"))).isNull();
      assertThat(s.get(0, b("new")).expireAt()).isEqualTo(3000);
    }
  }

  @Test
  void aFailedLoadLeavesNoStagingDirectory() throws IOException {
    List<RdbEntry> entries = new ArrayList<>();
    for (int i = 0; i < 1000; i++) entries.add(new RdbEntry(0, b("k" + i), b("v" + i), -1));
    byte[] f = rdb(entries);
    Path staging = dir.resolve("s");
    assertThatThrownBy(() -> new RdbLoader(16, SyncPolicy.NO, 100)
        .load(new ByteArrayInputStream(Arrays.copyOf(f, f.length - 20)), staging, null))
        .isInstanceOf(RdbException.class).hasMessageContaining("truncated");
    assertThat(staging).doesNotExist();

    byte[] dup = rdb(List.of(new RdbEntry(0, b("k"), b("1"), -1), new RdbEntry(0, b("k"), b("2"), -1)));
    assertThatThrownBy(() -> new RdbLoader(16, SyncPolicy.NO, 100)
        .load(new ByteArrayInputStream(dup), staging, null))
        .isInstanceOf(RdbException.class).hasMessage("the RDB has the key \"k\" twice in database 0");
    assertThat(staging).doesNotExist();

    byte[] farDb = rdb(List.of(new RdbEntry(20, b("k"), b("1"), -1)));
    assertThatThrownBy(() -> new RdbLoader(16, SyncPolicy.NO, 100)
        .load(new ByteArrayInputStream(farDb), staging, null))
        .isInstanceOf(RdbException.class)
        .hasMessage("the RDB has a key in database 20 but the store has 16 databases");
    assertThat(staging).doesNotExist();

    assertThatThrownBy(() -> new RdbLoader(16, SyncPolicy.NO, 100)
        .load(new ByteArrayInputStream(RdbFixtures.resource("list.rdb")), staging, null))
        .isInstanceOf(RdbException.class).hasMessageContaining("\"mylist\"");
    assertThat(staging).doesNotExist();
  }

  @Test
  void refusesANonEmptyStagingDirectory() throws IOException {
    Path staging = dir.resolve("s");
    Files.createDirectories(staging);
    Files.writeString(staging.resolve("something"), "x");
    assertThatThrownBy(() -> new RdbLoader(16, SyncPolicy.NO, 100)
        .load(new ByteArrayInputStream(RdbFixtures.vector()), staging, null))
        .isInstanceOf(IOException.class).hasMessageContaining("is not empty");
    assertThat(staging.resolve("something")).exists();
  }

  /** Counts bytes consumed, to show the loader reads the RDB and nothing more. */
  private static final class CountingStream extends InputStream {
    private final InputStream in;
    long read;

    CountingStream(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) read++;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) read += n;
      return n;
    }
  }
}
