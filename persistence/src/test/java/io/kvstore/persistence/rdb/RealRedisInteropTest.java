package io.kvstore.persistence.rdb;

import static io.kvstore.persistence.rdb.RdbFixtures.b;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files this writer produces, checked by redis-check-rdb and loaded by a real redis-server. */
class RealRedisInteropTest {
  private static final long FAR = 4102444800000L; // 2100-01-01, never expires during the test

  @TempDir Path dir;

  /** Strings of every encoding, in three databases, some with expiry, one already expired. */
  static List<RdbEntry> dataset() {
    SplittableRandom r = new SplittableRandom(17);
    List<RdbEntry> l = new ArrayList<>();
    String[] ints = {"0", "-1", "127", "128", "-129", "32767", "32768", "2147483647", "2147483648",
        "-2147483648", "-9223372036854775808", "007", "-0", "+5", "1.5"};
    for (int i = 0; i < ints.length; i++) l.add(new RdbEntry(0, b("int:" + i), b(ints[i]), -1));
    l.add(new RdbEntry(0, b("12345"), b("int key"), -1));
    l.add(new RdbEntry(0, b("empty"), new byte[0], -1));
    l.add(new RdbEntry(0, b("compressible"), b("abc".repeat(10_000)), FAR));
    byte[] random = new byte[20_000];
    r.nextBytes(random);
    l.add(new RdbEntry(0, b("random"), random, -1));
    l.add(new RdbEntry(0, new byte[] {0, -1, 10, 13}, new byte[] {-1, 0, 1}, FAR + 1));
    l.add(new RdbEntry(0, b("twentyone"), b("a".repeat(21)), -1));
    for (int i = 0; i < 500; i++) {
      l.add(new RdbEntry(2, b("k" + i), LzfTest.sample(r, r.nextInt(0, 300), i % 5), i % 3 == 0 ? FAR + i : -1));
    }
    l.add(new RdbEntry(15, b("last"), b("db fifteen"), -1));
    l.add(new RdbEntry(15, b("expired"), b("long ago"), 1_000_000L));
    return l;
  }

  private Path write(List<RdbEntry> entries, String name) throws IOException {
    Path f = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(f)) {
      RdbWriter.write(out, RdbAux.of(System.currentTimeMillis() / 1000, 1_234_567), RdbSource.of(entries));
    }
    return f;
  }

  @Test
  void redisCheckRdbAcceptsOurFiles() throws Exception {
    List<RdbEntry> entries = dataset();
    Path f = write(entries, "kv.rdb");
    String out = run(RealRedis.program("redis-check-rdb"), f.toString());
    assertThat(out).contains("Checksum OK", "RDB looks OK", "[info] " + entries.size() + " keys read",
        "[info] " + entries.stream().filter(RdbEntry::hasExpiry).count() + " expires",
        "[info] 1 already expired", "Selecting DB ID 2", "Selecting DB ID 15");
    Path vector = dir.resolve("vector.rdb");
    Files.write(vector, RdbFixtures.vector());
    assertThat(run(RealRedis.program("redis-check-rdb"), vector.toString())).contains("RDB looks OK");
  }

  /**
   * A real redis-server loads our file (every key, value and expiry, the expired key dropped as a
   * master does), SAVEs it again, and our reader reads its file back to the same dataset; our
   * writer, fed that file's order and aux values, reproduces it byte for byte.
   */
  @Test
  void realRedisLoadsOurFileAndWeReadItsSave() throws Exception {
    List<RdbEntry> entries = dataset();
    write(entries, "kv.rdb");
    List<RdbEntry> live = entries.stream().filter(e -> e.expireAt() == -1 || e.expireAt() > 2_000_000L).toList();
    try (RealRedis redis = new RealRedis(dir, "kv.rdb")) {
      for (int db : new int[] {0, 2, 15}) {
        assertThat(redis.call("SELECT", db)).isEqualTo("+OK");
        assertThat(redis.call("DBSIZE")).isEqualTo(live.stream().filter(e -> e.db() == db).count());
      }
      for (RdbEntry e : live) {
        redis.call("SELECT", e.db());
        assertThat((byte[]) redis.call("GET", e.key())).as(RdbReader.printable(e.key())).isEqualTo(e.value());
        assertThat(redis.call("PEXPIRETIME", e.key())).isEqualTo(e.expireAt());
      }
      redis.call("SELECT", 15);
      assertThat(redis.call("EXISTS", "expired")).isEqualTo(0L);
      assertThat(redis.call("SAVE")).isEqualTo("+OK");
    }
    byte[] saved = Files.readAllBytes(dir.resolve("kv.rdb"));
    RdbFixtures.Collected c = RdbFixtures.read(saved);
    assertThat(new HashSet<>(c.entries)).isEqualTo(new HashSet<>(live));
    assertThat(RdbWriterTest.rewrite(saved)).isEqualTo(saved);
  }

  private static String run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(text).isZero();
    return text;
  }
}
