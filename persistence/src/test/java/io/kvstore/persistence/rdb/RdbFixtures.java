package io.kvstore.persistence.rdb;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Shared test data: the reference vector, files SAVEd by redis-server 7.0.15, helpers. */
final class RdbFixtures {
  private RdbFixtures() {}

  /** ctime and used-mem of the reference vector (a real 7.0.15 SAVE). */
  static final long VECTOR_CTIME = 0x6b021aefL;
  static final long VECTOR_USED_MEM = 0x000fc698L;

  /** The reference vector: e=hello (expiry 1900000000000), k=v, big=46 x 'a', n=123. */
  static byte[] vector() {
    return new Hex()
        .s("REDIS0010")
        .h("fa 09").s("redis-ver").h("06").s("7.0.15")
        .h("fa 0a").s("redis-bits").h("c0 40")
        .h("fa 05").s("ctime").h("c2 ef 1a 02 6b")
        .h("fa 08").s("used-mem").h("c2 98 c6 0f 00")
        .h("fa 08").s("aof-base").h("c0 00")
        .h("fe 00").h("fb 04 01")
        .h("fc 00 38 d3 60 ba 01 00 00").h("00 01").s("e").h("05").s("hello")
        .h("00 01").s("k").h("01").s("v")
        .h("00 03").s("big").h("c3 09 2e 01 61 61 e0 21 00 01 61 61")
        .h("00 01").s("n").h("c0 7b")
        .h("ff 56 d0 3c 9c 97 43 ce 02")
        .bytes();
  }

  static List<RdbEntry> vectorEntries() {
    return List.of(
        new RdbEntry(0, b("e"), b("hello"), 1900000000000L),
        new RdbEntry(0, b("k"), b("v"), -1),
        new RdbEntry(0, b("big"), b("a".repeat(46)), -1),
        new RdbEntry(0, b("n"), b("123"), -1));
  }

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String str(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  /** A file from src/test/resources/rdb, as redis-server 7.0.15 SAVEd it. */
  static byte[] resource(String name) {
    try (InputStream in = RdbFixtures.class.getResourceAsStream("/rdb/" + name)) {
      if (in == null) throw new IllegalStateException("missing test resource rdb/" + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every entry and what else the reader reported. */
  static final class Collected implements RdbVisitor {
    final List<RdbEntry> entries = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    RdbInfo info;

    @Override
    public void entry(int db, byte[] key, byte[] value, long expireAt) {
      entries.add(new RdbEntry(db, key, value, expireAt));
    }

    @Override
    public void aux(String key, byte[] value) {
      events.add("aux " + key + "=" + str(value));
    }

    @Override
    public void resizeDb(int db, long size, long expires) {
      events.add("resizedb " + db + " " + size + " " + expires);
    }

    @Override
    public void function(byte[] payload) {
      events.add("function " + str(payload));
    }

    RdbEntry get(int db, String key) {
      for (RdbEntry e : entries) if (e.db() == db && str(e.key()).equals(key)) return e;
      return null;
    }
  }

  static Collected read(byte[] rdb) throws IOException {
    Collected c = new Collected();
    c.info = new RdbReader(new ByteArrayInputStream(rdb)).read(c);
    return c;
  }

  /** Builds bytes from hex and text pieces; {@link #withCrc} appends the CRC of the bytes so far. */
  static final class Hex {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Hex h(String hex) {
      for (String p : hex.trim().split("\\s+")) if (!p.isEmpty()) out.write(Integer.parseInt(p, 16));
      return this;
    }

    Hex s(String text) {
      out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
      return this;
    }

    Hex raw(byte[] b) {
      out.writeBytes(b);
      return this;
    }

    Hex withCrc() {
      long c = Crc64.of(out.toByteArray());
      for (int i = 0; i < 8; i++) out.write((int) (c >>> (8 * i)));
      return this;
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }
}
