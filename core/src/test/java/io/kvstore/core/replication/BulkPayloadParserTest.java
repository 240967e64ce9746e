package io.kvstore.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BulkPayloadParserTest {
  private static final String MARK = "33deaf49deaa8b014a80cc0b966d1784a053de05";
  private static final byte[] STREAM = bytes("*1\r\n$4\r\nping\r\n");

  /** Feeds {@code wire} in the given fragment sizes; returns payload, rest and the parser. */
  private static Object[] run(byte[] wire, int[] cuts) {
    BulkPayloadParser p = new BulkPayloadParser();
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    ByteArrayOutputStream rest = new ByteArrayOutputStream();
    int pos = 0;
    for (int cut : cuts) {
      BulkPayloadParser.Result r = p.feed(wire, pos, cut);
      assertThat(r.error()).isNull();
      payload.writeBytes(r.payload());
      pos += cut;
      if (r.done()) {
        rest.writeBytes(r.rest());
        rest.write(wire, pos, wire.length - pos); // what the stream reader gets afterwards
        break;
      }
    }
    assertThat(p.done()).isTrue();
    return new Object[] {payload.toByteArray(), rest.toByteArray(), p};
  }

  private static int[] whole(byte[] wire) {
    return new int[] {wire.length};
  }

  private static int[] bytewise(byte[] wire) {
    int[] c = new int[wire.length];
    Arrays.fill(c, 1);
    return c;
  }

  private static int[] random(byte[] wire, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] c = new int[wire.length];
    int n = 0;
    int left = wire.length;
    while (left > 0) {
      int k = Math.min(left, 1 + r.nextInt(60));
      c[n++] = k;
      left -= k;
    }
    return Arrays.copyOf(c, n);
  }

  private static void check(byte[] wire, byte[] rdb) {
    for (int[] cuts : new int[][] {whole(wire), bytewise(wire), random(wire, 1), random(wire, 2),
        random(wire, 3)}) {
      Object[] out = run(wire, cuts);
      assertThat((byte[]) out[0]).isEqualTo(rdb);
      assertThat((byte[]) out[1]).isEqualTo(STREAM);
    }
  }

  @Test
  void diskForm() {
    byte[] rdb = randomRdb(5000, 9);
    byte[] wire = concat(bytes("\n\n$" + rdb.length + "\r\n"), rdb, STREAM);
    check(wire, rdb);
    BulkPayloadParser p = (BulkPayloadParser) run(wire, whole(wire))[2];
    assertThat(p.transferSize()).isEqualTo(5000);
    assertThat(p.transferRead()).isEqualTo(5000);
    assertThat(p.eofForm()).isFalse();
  }

  @Test
  void disklessForm() {
    byte[] rdb = randomRdb(5000, 10);
    byte[] wire = concat(bytes("\n$EOF:" + MARK + "\r\n"), rdb, bytes(MARK), STREAM);
    check(wire, rdb);
    BulkPayloadParser p = (BulkPayloadParser) run(wire, whole(wire))[2];
    assertThat(p.eofForm()).isTrue();
    assertThat(p.transferSize()).isZero();
    assertThat(p.transferRead()).isEqualTo(5040);
  }

  @Test
  void disklessPayloadContainingPartialMarks() {
    // prefixes of the mark, and a self-overlapping mark, inside the payload
    String m = "abababababababababababababababababababac";
    byte[] rdb = bytes("REDIS" + m.substring(0, 39) + "x" + m.substring(0, 20) + "abab" + m.substring(0, 38));
    byte[] wire = concat(bytes("$EOF:" + m + "\r\n"), rdb, bytes(m), STREAM);
    check(wire, rdb);
  }

  @Test
  void payloadIsReleasedAsItArrivesExceptAPossibleMark() {
    BulkPayloadParser p = new BulkPayloadParser();
    p.feed(bytes("$EOF:" + MARK + "\r\n"));
    assertThat(p.feed(bytes("hello")).payload()).isEqualTo(bytes("hello"));
    assertThat(p.feed(bytes("33dea")).payload()).isEmpty(); // could be the mark
    assertThat(p.feed(bytes("Z")).payload()).isEqualTo(bytes("33deaZ"));
  }

  @Test
  void emptyDiskPayloadIsDoneAtOnce() {
    BulkPayloadParser.Result r = new BulkPayloadParser().feed(concat(bytes("$0\r\n"), STREAM));
    assertThat(r.done()).isTrue();
    assertThat(r.payload()).isEmpty();
    assertThat(r.rest()).isEqualTo(STREAM);
  }

  @Test
  void errors() {
    assertThat(new BulkPayloadParser().feed(bytes("-ERR oops\r\n")).error())
        .isEqualTo("MASTER aborted replication with an error: ERR oops");
    assertThat(new BulkPayloadParser().feed(bytes("+OK\r\n")).error())
        .isEqualTo("Bad protocol from MASTER, the first byte is not '$' (we received '+OK'), are you "
            + "sure the host and port are right?");
    BulkPayloadParser p = new BulkPayloadParser();
    assertThat(p.feed(bytes("$EOF:short\r\nxyz")).error()).isNull(); // not a mark: strtol("EOF...") = 0
    assertThat(p.done()).isTrue();
  }

  @Test
  void keepalivesOnlyMeanWaiting() {
    BulkPayloadParser p = new BulkPayloadParser();
    BulkPayloadParser.Result r = p.feed(bytes("\n\n\n"));
    assertThat(r.done()).isFalse();
    assertThat(r.payload()).isEmpty();
    assertThat(p.transferSize()).isEqualTo(-1);
  }

  private static byte[] randomRdb(int n, long seed) {
    byte[] b = new byte[n];
    new SplittableRandom(seed).nextBytes(b);
    System.arraycopy(bytes("REDIS0010"), 0, b, 0, 9);
    return b;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) out.writeBytes(p);
    return out.toByteArray();
  }
}
