package io.kvstore.persistence.rdb;

import static io.kvstore.persistence.rdb.RdbFixtures.b;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RdbWriterTest {
  private static final RdbAux AUX = RdbAux.of(RdbFixtures.VECTOR_CTIME, RdbFixtures.VECTOR_USED_MEM);

  @Test
  void writesTheReferenceVectorByteForByte() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long n = RdbWriter.write(out, AUX, RdbSource.of(RdbFixtures.vectorEntries()));
    assertThat(out.toByteArray()).isEqualTo(RdbFixtures.vector());
    assertThat(n).isEqualTo(out.size());
  }

  /**
   * Every strings-only file redis-server SAVEd, read and written back with the same aux values,
   * key order and RESIZEDB hints, gives the very same bytes: integer, length and LZF encodings
   * (random, text, repetitive, 20000-byte values), aux and replication fields, functions.
   */
  @Test
  void rewritesRealRedisFilesIdentically() throws IOException {
    for (String name : List.of("strings.rdb", "repl.rdb", "function.rdb")) {
      byte[] real = RdbFixtures.resource(name);
      assertThat(rewrite(real)).as(name).isEqualTo(real);
    }
  }

  /** Re-encodes a parsed file with the writer, keeping everything the file had. */
  static byte[] rewrite(byte[] real) throws IOException {
    List<Object[]> events = new ArrayList<>();
    RdbInfo info = new RdbReader(new java.io.ByteArrayInputStream(real)).read(new RdbVisitor() {
      @Override
      public void entry(int db, byte[] key, byte[] value, long expireAt) {
        events.add(new Object[] {"entry", new RdbEntry(db, key, value, expireAt)});
      }

      @Override
      public void resizeDb(int db, long size, long expires) {
        events.add(new Object[] {"db", db, size, expires});
      }

      @Override
      public void function(byte[] payload) {
        events.add(new Object[] {"function", payload});
      }
    });
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RdbWriter w = new RdbWriter(out);
    RdbAux aux = new RdbAux(info.auxString("redis-ver"), Integer.parseInt(info.auxString("redis-bits")),
        Long.parseLong(info.auxString("ctime")), Long.parseLong(info.auxString("used-mem")),
        -1, null, -1, Long.parseLong(info.auxString("aof-base")));
    if (info.hasReplication()) aux = aux.withReplication(info.replStreamDb(), info.replId(), info.replOffset());
    w.writeHeader(aux);
    for (Object[] e : events) {
      switch ((String) e[0]) {
        case "function" -> w.writeFunction((byte[]) e[1]);
        case "db" -> w.selectDb((Integer) e[1], (Long) e[2], (Long) e[3]);
        default -> {
          RdbEntry en = (RdbEntry) e[1];
          w.writeEntry(en.key(), en.value(), en.expireAt());
        }
      }
    }
    w.finish();
    return out.toByteArray();
  }

  @Test
  void encodesIntegersExactlyWhenRedisDoes() throws IOException {
    assertThat(enc("0")).isEqualTo(hex("c0 00"));
    assertThat(enc("127")).isEqualTo(hex("c0 7f"));
    assertThat(enc("-128")).isEqualTo(hex("c0 80"));
    assertThat(enc("128")).isEqualTo(hex("c1 80 00"));
    assertThat(enc("-129")).isEqualTo(hex("c1 7f ff"));
    assertThat(enc("32767")).isEqualTo(hex("c1 ff 7f"));
    assertThat(enc("-32768")).isEqualTo(hex("c1 00 80"));
    assertThat(enc("32768")).isEqualTo(hex("c2 00 80 00 00"));
    assertThat(enc("2147483647")).isEqualTo(hex("c2 ff ff ff 7f"));
    assertThat(enc("-2147483648")).isEqualTo(hex("c2 00 00 00 80"));
    // not canonical, or not 32-bit: stored as text
    for (String s : List.of("2147483648", "-2147483649", "007", "-0", "+5", " 5", "5 ", "1.5", "",
        "-", "12345678901", "9223372036854775807", "0x10")) {
      byte[] text = s.getBytes(StandardCharsets.US_ASCII);
      byte[] expected = new byte[text.length + 1];
      expected[0] = (byte) text.length;
      System.arraycopy(text, 0, expected, 1, text.length);
      assertThat(enc(s)).as("'%s'", s).isEqualTo(expected);
    }
  }

  @Test
  void usesEveryLengthEncoding() throws IOException {
    byte[] random = new byte[70_000];
    new SplittableRandom(5).nextBytes(random);
    assertThat(Arrays.copyOf(enc(Arrays.copyOf(random, 63)), 1)).isEqualTo(hex("3f"));
    assertThat(Arrays.copyOf(enc(Arrays.copyOf(random, 64)), 2)).isEqualTo(hex("40 40"));
    assertThat(Arrays.copyOf(enc(Arrays.copyOf(random, 16383)), 2)).isEqualTo(hex("7f ff"));
    assertThat(Arrays.copyOf(enc(Arrays.copyOf(random, 16384)), 5)).isEqualTo(hex("80 00 00 40 00"));
    assertThat(enc(random)).hasSize(70_005);
  }

  @Test
  void compressesOnlyAbove20BytesAndOnlyWhenItSaves4() throws IOException {
    assertThat(enc("a".repeat(20))[0]).isEqualTo((byte) 20);
    assertThat(enc("a".repeat(21))[0]).isEqualTo((byte) 0xc3);
    byte[] compressedOff = enc("a".repeat(100).getBytes(StandardCharsets.US_ASCII), false);
    assertThat(Arrays.copyOf(compressedOff, 2)).isEqualTo(hex("40 64"));
    assertThat(compressedOff).hasSize(102);
    byte[] random = new byte[60];
    new SplittableRandom(9).nextBytes(random);
    assertThat(enc(random)[0]).as("incompressible: stored as is").isEqualTo((byte) 60);
  }

  @Test
  void writesAZeroChecksumWhenChecksumsAreOff() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RdbWriter w = new RdbWriter(out, true, false);
    w.writeHeader(AUX);
    w.finish();
    byte[] f = out.toByteArray();
    assertThat(Arrays.copyOfRange(f, f.length - 9, f.length)).isEqualTo(hex("ff 00 00 00 00 00 00 00 00"));
    assertThat(RdbFixtures.read(f).info.checksumVerified()).isFalse();
  }

  @Test
  void writesReplicationAuxFieldsInRedisOrder() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String id = "202b5eadbb0e16df8b7e5ab7e566a1c5cdb6cefc";
    RdbWriter.write(out, AUX.withReplication(3, id, 123456789012L), RdbSource.of(List.of()));
    RdbFixtures.Collected c = RdbFixtures.read(out.toByteArray());
    assertThat(c.events).containsExactly("aux redis-ver=7.0.15", "aux redis-bits=64",
        "aux ctime=" + RdbFixtures.VECTOR_CTIME, "aux used-mem=" + RdbFixtures.VECTOR_USED_MEM,
        "aux repl-stream-db=3", "aux repl-id=" + id, "aux repl-offset=123456789012", "aux aof-base=0");
    assertThat(c.info.replId()).isEqualTo(id);
    assertThat(c.info.replOffset()).isEqualTo(123456789012L);
    assertThat(c.info.replStreamDb()).isEqualTo(3);
  }

  @Test
  void refusesCallsOutOfOrder() throws IOException {
    RdbWriter w = new RdbWriter(new ByteArrayOutputStream());
    assertThatThrownBy(() -> w.writeEntry(b("k"), b("v"), -1)).isInstanceOf(IllegalStateException.class);
    w.writeHeader(AUX);
    assertThatThrownBy(() -> w.writeEntry(b("k"), b("v"), -1)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> w.writeHeader(AUX)).isInstanceOf(IllegalStateException.class);
    w.selectDb(0, 1, 0);
    w.writeEntry(b("k"), b("v"), -1);
    assertThatThrownBy(() -> w.writeAux("x", "y")).isInstanceOf(IllegalStateException.class);
    w.finish();
    assertThatThrownBy(w::finish).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void skipsEmptyDatabasesAndRoundTripsRandomDatasets() throws IOException {
    SplittableRandom r = new SplittableRandom(11);
    for (int round = 0; round < 30; round++) {
      List<RdbEntry> entries = new ArrayList<>();
      int keys = r.nextInt(0, 300);
      for (int i = 0; i < keys; i++) {
        int db = r.nextInt(0, 16) * (r.nextInt(3) == 0 ? 1 : 0);
        byte[] key = r.nextInt(4) == 0 ? b(Integer.toString(r.nextInt(-40000, 40000))) : randomBytes(r, 1, 40);
        key = Arrays.copyOf(key, key.length + 2);
        key[key.length - 2] = (byte) (i >> 8);
        key[key.length - 1] = (byte) i;
        byte[] value = switch (r.nextInt(4)) {
          case 0 -> b(Long.toString(r.nextLong()).substring(0, r.nextInt(1, 12)));
          case 1 -> LzfTest.sample(r, r.nextInt(0, 5000), r.nextInt(5));
          default -> randomBytes(r, 0, 100);
        };
        long exp = r.nextBoolean() ? -1 : r.nextLong(0, 4_000_000_000_000L);
        entries.add(new RdbEntry(db, key, value, exp));
      }
      entries.sort((a, bb) -> Integer.compare(a.db(), bb.db()));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      RdbWriter.write(out, AUX, RdbSource.of(entries));
      RdbFixtures.Collected c = RdbFixtures.read(out.toByteArray());
      assertThat(c.entries).containsExactlyElementsOf(entries);
      assertThat(c.info.keys()).isEqualTo(entries.size());
      long dbs = entries.stream().mapToInt(RdbEntry::db).distinct().count();
      assertThat(c.events.stream().filter(e -> e.startsWith("resizedb"))).hasSize((int) dbs);
    }
  }

  private static byte[] randomBytes(SplittableRandom r, int min, int max) {
    byte[] b = new byte[r.nextInt(min, max)];
    r.nextBytes(b);
    return b;
  }

  private static byte[] hex(String s) {
    return new RdbFixtures.Hex().h(s).bytes();
  }

  private static byte[] enc(String value) throws IOException {
    return enc(value.getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] enc(byte[] value) throws IOException {
    return enc(value, true);
  }

  /** The encoded bytes of {@code value} as the value of key "k" (between the key and EOF). */
  private static byte[] enc(byte[] value, boolean compress) throws IOException {
    byte[] empty = file(new byte[0], compress);
    byte[] full = file(value, compress);
    int prefix = empty.length - 9 - 1;
    return Arrays.copyOfRange(full, prefix, full.length - 9);
  }

  private static byte[] file(byte[] value, boolean compress) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RdbWriter w = new RdbWriter(out, compress, true);
    w.writeHeader(AUX);
    w.selectDb(0, 1, 0);
    w.writeEntry(b("k"), value, -1);
    w.finish();
    return out.toByteArray();
  }
}
