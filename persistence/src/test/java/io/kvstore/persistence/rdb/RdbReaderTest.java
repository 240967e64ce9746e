package io.kvstore.persistence.rdb;

import static io.kvstore.persistence.rdb.RdbFixtures.b;
import static io.kvstore.persistence.rdb.RdbFixtures.read;
import static io.kvstore.persistence.rdb.RdbFixtures.resource;
import static io.kvstore.persistence.rdb.RdbFixtures.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class RdbReaderTest {

  @Test
  void readsTheReferenceVector() throws IOException {
    RdbFixtures.Collected c = read(RdbFixtures.vector());
    assertThat(c.entries).containsExactlyElementsOf(RdbFixtures.vectorEntries());
    assertThat(c.info.version()).isEqualTo(10);
    assertThat(c.info.keys()).isEqualTo(4);
    assertThat(c.info.checksumVerified()).isTrue();
    assertThat(c.info.aux().keySet()).containsExactly("redis-ver", "redis-bits", "ctime", "used-mem", "aof-base");
    assertThat(c.info.auxString("ctime")).isEqualTo(Long.toString(RdbFixtures.VECTOR_CTIME));
    assertThat(c.info.hasReplication()).isFalse();
    assertThat(c.info.replOffset()).isEqualTo(-1);
    assertThat(c.info.replStreamDb()).isEqualTo(-1);
    assertThat(c.events).contains("resizedb 0 4 1");
  }

  @Test
  void readsEveryStringEncodingRedisWrites() throws IOException {
    RdbFixtures.Collected c = read(resource("strings.rdb"));
    assertThat(c.info.keys()).isEqualTo(42);
    assertThat(c.entries).hasSize(42);
    String[] ints = {"0", "1", "-1", "127", "128", "-128", "-129", "32767", "32768", "-32768",
        "-32769", "2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807",
        "-9223372036854775808", "007", "-0", "+5", " 5", "1.5", "12345678901", "-1234567890"};
    for (int i = 0; i < ints.length; i++) {
      assertThat(str(c.get(0, "int:" + i).value())).as("int:%d", i).isEqualTo(ints[i]);
    }
    assertThat(str(c.get(0, "12345").value())).isEqualTo("int-encoded key");
    assertThat(str(c.get(0, "-7").value())).isEqualTo("negative int key");
    assertThat(c.get(0, "empty").value()).isEmpty();
    assertThat(str(c.get(0, "compressible").value())).isEqualTo("abc".repeat(1000));
    assertThat(c.get(0, "binary").value()).isEqualTo(new byte[] {0, -1, '\r', '\n', 1, 'b', 'i', 'n', 'a', 'r', 'y'});
    assertThat(c.get(0, "binaryvaluekey").value()).isEqualTo(new byte[] {0, -1, 'k', 'e', 'y'});
    assertThat(crc32(c.get(0, "random300").value())).isEqualTo(0x2d57de13L);
    assertThat(crc32(c.get(0, "random20000").value())).isEqualTo(0xd716f0fcL);
    assertThat(crc32(c.get(0, "random100").value())).isEqualTo(0xd4b83a96L);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 3000; i++) text.append(String.format("line %06d of a long and repetitive text\n", i));
    assertThat(str(c.get(0, "text100k").value())).isEqualTo(text.toString());
    assertThat(str(c.get(0, "twentyone").value())).isEqualTo("a".repeat(21));
    assertThat(str(c.get(0, "twenty").value())).isEqualTo("a".repeat(20));
    assertThat(c.get(0, "exp:ms").expireAt()).isEqualTo(4102444800123L);
    assertThat(c.get(0, "exp:past").expireAt()).isEqualTo(1900000000000L);
    assertThat(c.get(0, "exp:int").expireAt()).isEqualTo(4102444800000L);
    assertThat(str(c.get(0, "exp:int").value())).isEqualTo("42");
    assertThat(c.get(0, "empty").expireAt()).isEqualTo(-1);
    assertThat(str(c.get(3, "k3").value())).isEqualTo("in db three");
    assertThat(c.get(3, "n3").expireAt()).isEqualTo(4102444800999L);
    assertThat(str(c.get(15, "k15").value())).isEqualTo("in db fifteen");
    assertThat(c.entries.stream().filter(e -> e.db() == 0)).hasSize(39);
    assertThat(c.events).contains("resizedb 0 39 3", "resizedb 3 2 1", "resizedb 15 1 0");
  }

  @Test
  void readsReplicationFieldsFromAFullSyncPayload() throws IOException {
    // repl.rdb is what redis-server sent to `redis-cli --rdb` (a full resync's snapshot).
    RdbFixtures.Collected c = read(resource("repl.rdb"));
    assertThat(c.info.replId()).hasSize(40).isEqualTo("202b5eadbb0e16df8b7e5ab7e566a1c5cdb6cefc");
    assertThat(c.info.replOffset()).isZero();
    assertThat(c.info.replStreamDb()).isZero();
    assertThat(c.entries).containsExactly(new RdbEntry(0, b("rk"), b("rv"), -1),
        new RdbEntry(2, b("rk2"), b("rv2"), -1));
  }

  @Test
  void readsFunctionsAndLruLfuHints() throws IOException {
    RdbFixtures.Collected f = read(resource("function.rdb"));
    assertThat(f.info.functions()).hasSize(1);
    assertThat(str(f.info.functions().get(0))).startsWith("#!lua name=mylib\nredis.register_function(");
    assertThat(f.entries).containsExactly(new RdbEntry(0, b("fk"), b("fv"), -1));
    RdbFixtures.Collected lfu = read(resource("lfu.rdb"));
    assertThat(lfu.entries).extracting(e -> str(e.key())).containsExactlyInAnyOrder("lfu1", "lfu2");
    assertThat(str(lfu.get(0, "lfu2").value())).isEqualTo("12");
    assertThat(lfu.get(0, "lfu2").expireAt()).isPositive();
    RdbFixtures.Collected lru = read(resource("lru.rdb"));
    assertThat(lru.entries).containsExactly(new RdbEntry(0, b("lru1"), b("v"), -1));
  }

  @Test
  void refusesOtherTypesNamingTypeAndKey() {
    Map<String, String> files = Map.of(
        "list.rdb", "list (quicklist2) (type byte 18) for key \"mylist\" in db 0",
        "hash.rdb", "hash (listpack) (type byte 16) for key \"myhash\" in db 0",
        "set.rdb", "set (type byte 2) for key \"s2\"",
        "intset.rdb", "set (intset) (type byte 11) for key \"s\"",
        "zset.rdb", "zset (listpack) (type byte 17) for key \"z\"",
        "stream.rdb", "stream (listpacks2) (type byte 19) for key \"st\"");
    files.forEach((file, message) -> assertThatThrownBy(() -> read(resource(file)))
        .as(file).isInstanceOf(RdbException.class)
        .hasMessageContaining("unsupported value type " + message)
        .hasMessageContaining("only strings can be loaded"));
    for (int type : new int[] {1, 3, 4, 5, 6, 7, 9, 10, 12, 13, 14, 15}) {
      byte[] f = new RdbFixtures.Hex().s("REDIS0010").h("fe 00").h(String.format("%02x", type))
          .h("03").s("key").h("00 00 00 00").bytes();
      assertThatThrownBy(() -> read(f)).isInstanceOf(RdbException.class)
          .hasMessageContaining(RdbFormat.typeName(type) + " (type byte " + type + ") for key \"key\"");
    }
    byte[] unknown = new RdbFixtures.Hex().s("REDIS0010").h("08 01").s("k").bytes();
    assertThatThrownBy(() -> read(unknown)).isInstanceOf(RdbException.class)
        .hasMessageContaining("unknown opcode or value type byte 8");
    byte[] opcode = new RdbFixtures.Hex().s("REDIS0010").h("f0").bytes();
    assertThatThrownBy(() -> read(opcode)).isInstanceOf(RdbException.class)
        .hasMessageContaining("unknown opcode or value type byte 240 (0xf0) at offset 9");
  }

  @Test
  void checksVersionAndMagic() throws IOException {
    assertThatThrownBy(() -> read(new RdbFixtures.Hex().s("REDIS0011").h("ff").withCrc().bytes()))
        .isInstanceOf(RdbException.class)
        .hasMessage("can't handle RDB format version 11: versions 1 to 10 (Redis up to 7.0) can be read");
    assertThatThrownBy(() -> read(new RdbFixtures.Hex().s("REDIS0000").h("ff").bytes()))
        .isInstanceOf(RdbException.class).hasMessageContaining("version 0");
    assertThatThrownBy(() -> read(new RdbFixtures.Hex().s("RUDIS0010").h("ff").bytes()))
        .isInstanceOf(RdbException.class).hasMessageContaining("bad magic \"RUDIS0010\"");
    assertThatThrownBy(() -> read(new RdbFixtures.Hex().s("REDIS00a0").h("ff").bytes()))
        .isInstanceOf(RdbException.class).hasMessageContaining("bad version field");
    assertThatThrownBy(() -> read(new byte[0])).isInstanceOf(RdbException.class)
        .hasMessage("RDB truncated at offset 0 (reading the RDB header)");
    // version 3: no checksum at the end; seconds expiry
    RdbFixtures.Collected old = read(new RdbFixtures.Hex().s("REDIS0003").h("fe 00")
        .h("fd 00 94 35 77").h("00 01").s("k").h("01").s("v").h("ff").bytes());
    assertThat(old.entries).containsExactly(new RdbEntry(0, b("k"), b("v"), 2000000000L * 1000));
    assertThat(old.info.checksumVerified()).isFalse();
    assertThat(old.info.version()).isEqualTo(3);
  }

  @Test
  void verifiesTheChecksumUnlessItIsZero() throws IOException {
    byte[] v = RdbFixtures.vector();
    byte[] bad = v.clone();
    bad[bad.length - 1] ^= 1;
    assertThatThrownBy(() -> read(bad)).isInstanceOf(RdbException.class)
        .hasMessageContaining("checksum mismatch");
    byte[] unchecked = v.clone();
    Arrays.fill(unchecked, unchecked.length - 8, unchecked.length, (byte) 0);
    unchecked[30] = 'X'; // inside "redis-bits": content no longer matches any checksum
    RdbFixtures.Collected c = read(unchecked);
    assertThat(c.info.checksumVerified()).isFalse();
    assertThat(c.entries).hasSize(4);
  }

  @Test
  void skipsModuleAuxAndReadsOldFunctionsAndHints() throws IOException {
    byte[] f = new RdbFixtures.Hex().s("REDIS0010")
        .h("f7 81 01 02 03 04 05 06 07 08 02 02")   // MODULE_AUX: 64-bit id, when-opcode UINT, when 2
        .h("01 c0").h("02 80 00 01 00 00")        // SINT, UINT values
        .h("03 00 00 80 3f").h("04 00 00 00 00 00 00 f0 3f") // float, double
        .h("05 03").s("abc").h("05 c3 05 14 00 61 e0 0a 00") // plain and LZF strings
        .h("00")                                     // module EOF
        .h("f6 03").s("lib").h("03").s("lua").h("01 04").s("desc").h("06").s("return") // FUNCTION (rc)
        .h("fe 05 fb 02 01")
        .h("f8 81 00 00 00 00 00 00 10 00 f9 05").h("00 01").s("a").h("01").s("1")
        .h("f9 ff fc ff ff ff ff ff ff ff 7f").h("00 01").s("b").h("c1 39 30")
        .h("ff").withCrc().bytes();
    RdbFixtures.Collected c = read(f);
    assertThat(c.info.moduleAuxSkipped()).isEqualTo(1);
    assertThat(c.info.functions()).hasSize(1);
    assertThat(str(c.info.functions().get(0))).isEqualTo("#!lua name=lib\nreturn");
    assertThat(c.entries).containsExactly(new RdbEntry(5, b("a"), b("1"), -1),
        new RdbEntry(5, b("b"), b("12345"), Long.MAX_VALUE));
    byte[] badWhen = new RdbFixtures.Hex().s("REDIS0010").h("f7 01 01 02 00").h("ff").withCrc().bytes();
    assertThatThrownBy(() -> read(badWhen)).isInstanceOf(RdbException.class)
        .hasMessageContaining("bad MODULE_AUX when-opcode 1");
    byte[] badOp = new RdbFixtures.Hex().s("REDIS0010").h("f7 01 02 02 09").h("ff").withCrc().bytes();
    assertThatThrownBy(() -> read(badOp)).isInstanceOf(RdbException.class)
        .hasMessageContaining("unknown module value opcode 9");
  }

  @Test
  void readsExactlyTheRdbBytesAndNothingAfter() throws IOException {
    byte[] v = RdbFixtures.vector();
    byte[] stream = Arrays.copyOf(v, v.length + 14);
    System.arraycopy("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII), 0, stream, v.length, 14);
    ByteArrayInputStream in = new ByteArrayInputStream(stream);
    new RdbReader(in).read((db, k, val, exp) -> { });
    assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("*1\r\n$4\r\nPING\r\n");
  }

  @Test
  void enforcesTheStringLimit() {
    byte[] f = new RdbFixtures.Hex().s("REDIS0010").h("00 01").s("k").h("40 64").raw(new byte[100])
        .h("ff").withCrc().bytes();
    assertThatThrownBy(() -> new RdbReader(new ByteArrayInputStream(f), 99).read((d, k, v, e) -> { }))
        .isInstanceOf(RdbException.class)
        .hasMessageContaining("length 100 at offset 12 exceeds the limit of 99 bytes");
    byte[] huge = new RdbFixtures.Hex().s("REDIS0010").h("00 01").s("k")
        .h("81 ff ff ff ff ff ff ff ff").bytes();
    assertThatThrownBy(() -> read(huge)).isInstanceOf(RdbException.class)
        .hasMessageContaining("length 18446744073709551615");
    byte[] lzf = new RdbFixtures.Hex().s("REDIS0010").h("00 01").s("k")
        .h("c3 02 80 1f ff ff ff 00 61").bytes();
    assertThatThrownBy(() -> read(lzf)).isInstanceOf(RdbException.class)
        .hasMessageContaining("exceeds what 2 compressed bytes can hold");
  }

  @Test
  void everyTruncationFailsWithRdbException() {
    for (String file : List.of("vector", "repl.rdb", "function.rdb", "lfu.rdb", "strings.rdb")) {
      byte[] full = file.equals("vector") ? RdbFixtures.vector() : resource(file);
      int step = full.length > 5000 ? 7 : 1;
      for (int cut = 0; cut < full.length; cut += step) {
        byte[] part = Arrays.copyOf(full, cut);
        long before = allocated();
        try {
          read(part);
          fail("%s cut at %d was accepted", file, cut);
        } catch (RdbException e) {
          assertThat(e.getMessage()).as("%s cut at %d", file, cut).contains("truncated at offset");
        } catch (Throwable t) {
          throw new AssertionError(file + " cut at " + cut + " threw " + t, t);
        }
        assertThat(allocated() - before).as("bytes allocated").isLessThan(8L * full.length + (4 << 20));
      }
    }
  }

  @Test
  void everySingleByteCorruptionFailsWithRdbException() {
    SplittableRandom r = new SplittableRandom(99);
    for (String file : List.of("vector", "repl.rdb", "function.rdb", "lfu.rdb", "strings.rdb")) {
      byte[] full = file.equals("vector") ? RdbFixtures.vector() : resource(file);
      boolean small = full.length < 300;
      int trials = small ? full.length * 255 : 2_000;
      for (int t = 0; t < trials; t++) {
        int pos = small ? t / 255 : r.nextInt(full.length);
        int delta = small ? 1 + t % 255 : r.nextInt(1, 256);
        byte[] bad = full.clone();
        bad[pos] = (byte) (bad[pos] + delta);
        long before = allocated();
        try {
          read(bad);
          fail("%s with byte %d changed by %d was accepted", file, pos, delta);
        } catch (RdbException expected) {
          // the only acceptable outcome
        } catch (Throwable e) {
          throw new AssertionError(file + " byte " + pos + " +" + delta + " threw " + e, e);
        }
        assertThat(allocated() - before).as("bytes allocated").isLessThan(8L * full.length + (4 << 20));
      }
    }
  }

  @Test
  void randomGarbageAfterAValidHeaderFailsWithRdbException() {
    SplittableRandom r = new SplittableRandom(5);
    for (int t = 0; t < 20_000; t++) {
      byte[] tail = new byte[r.nextInt(0, 64)];
      r.nextBytes(tail);
      byte[] f = new RdbFixtures.Hex().s("REDIS0010").raw(tail).bytes();
      long before = allocated();
      try {
        read(f);
      } catch (RdbException expected) {
        // fine: anything else is a bug
      } catch (Throwable e) {
        throw new AssertionError("garbage " + Arrays.toString(tail) + " threw " + e, e);
      }
      assertThat(allocated() - before).isLessThan(8 << 20);
    }
  }

  private static long crc32(byte[] b) {
    CRC32 c = new CRC32();
    c.update(b);
    return c.getValue();
  }

  /** Bytes this thread has allocated so far (HotSpot's per-thread counter). */
  private static long allocated() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }
}
