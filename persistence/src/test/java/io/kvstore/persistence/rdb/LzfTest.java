package io.kvstore.persistence.rdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LzfTest {
  private final Lzf lzf = new Lzf();

  private static byte[] hex(String s) {
    return new RdbFixtures.Hex().h(s).bytes();
  }

  @Test
  void compressesLikeRedis() throws Exception {
    // From the reference vector: 46 x 'a' -> literal "aa", a 42-byte reference 1 back, literal "aa".
    byte[] in = "a".repeat(46).getBytes(StandardCharsets.US_ASCII);
    assertThat(lzf.compress(in, 42)).isEqualTo(hex("01 61 61 e0 21 00 01 61 61"));
    // From a real SAVE: "abc" x 1000 -> 43 bytes (checked against redis-server's file below).
    byte[] abc = "abc".repeat(1000).getBytes(StandardCharsets.US_ASCII);
    byte[] c = lzf.compress(abc, abc.length - 4);
    assertThat(Lzf.decompress(c, abc.length)).isEqualTo(abc);
  }

  @Test
  void roundTripsManyShapesAndSizes() throws Exception {
    SplittableRandom r = new SplittableRandom(42);
    for (int round = 0; round < 2000; round++) {
      int n = round < 1000 ? round : r.nextInt(1, 70_000);
      byte[] in = sample(r, n, round % 5);
      byte[] out = new byte[n + n / 16 + 64];
      int clen = lzf.compress(in, 0, n, out, 0, out.length);
      if (n == 0) {
        assertThat(clen).isZero();
        continue;
      }
      assertThat(clen).as("size %d kind %d", n, round % 5).isPositive();
      byte[] back = Lzf.decompress(Arrays.copyOf(out, clen), n);
      assertThat(back).as("size %d kind %d", n, round % 5).isEqualTo(in);
    }
  }

  @Test
  void compressesASubRangeIntoAnOffset() throws Exception {
    byte[] in = ("xxxx" + "hello hello hello hello hello" + "yyyy").getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[100];
    int clen = lzf.compress(in, 4, 29, out, 10, 80);
    byte[] back = new byte[29];
    Lzf.decompress(out, 10, clen, back, 0, 29);
    assertThat(new String(back, StandardCharsets.US_ASCII)).isEqualTo("hello hello hello hello hello");
  }

  @Test
  void reachesTheMaximumExpansion() throws Exception {
    byte[] zeros = new byte[1 << 20];
    byte[] c = lzf.compress(zeros, zeros.length);
    assertThat((double) zeros.length / c.length).isGreaterThan(80);
    assertThat(Lzf.decompress(c, zeros.length)).isEqualTo(zeros);
  }

  @Test
  void givesUpWhenTheOutputDoesNotFit() {
    byte[] random = new byte[500];
    new SplittableRandom(3).nextBytes(random);
    assertThat(lzf.compress(random, random.length - 4)).isNull();
    byte[] in = "a".repeat(46).getBytes(StandardCharsets.US_ASCII);
    assertThat(lzf.compress(in, 8)).isNull();
    assertThat(lzf.compress(in, 9)).hasSize(9);
    assertThat(lzf.compress(new byte[0], 10)).isNull();
  }

  @Test
  void rejectsMalformedInput() {
    // literal run longer than the input
    assertThatThrownBy(() -> Lzf.decompress(hex("05 61 62"), 6)).isInstanceOf(RdbException.class)
        .hasMessageContaining("literal run past the end");
    // literal run longer than the declared output
    assertThatThrownBy(() -> Lzf.decompress(hex("02 61 62 63"), 2)).isInstanceOf(RdbException.class)
        .hasMessageContaining("past the declared length");
    // back-reference before the start
    assertThatThrownBy(() -> Lzf.decompress(hex("00 61 20 05"), 4)).isInstanceOf(RdbException.class)
        .hasMessageContaining("before the start");
    // back-reference cut short (no offset byte; no length byte)
    assertThatThrownBy(() -> Lzf.decompress(hex("00 61 20"), 4)).isInstanceOf(RdbException.class)
        .hasMessageContaining("cut short");
    assertThatThrownBy(() -> Lzf.decompress(hex("00 61 e0"), 12)).isInstanceOf(RdbException.class)
        .hasMessageContaining("cut short");
    assertThatThrownBy(() -> Lzf.decompress(hex("00 61 e0 00"), 12)).isInstanceOf(RdbException.class)
        .hasMessageContaining("cut short");
    // back-reference past the declared output
    assertThatThrownBy(() -> Lzf.decompress(hex("00 61 20 00"), 3)).isInstanceOf(RdbException.class)
        .hasMessageContaining("past the declared length");
    // output left short, input left over
    assertThatThrownBy(() -> Lzf.decompress(hex("01 61 62"), 3)).isInstanceOf(RdbException.class)
        .hasMessageContaining("decompressed to 2 bytes instead of 3");
    assertThatThrownBy(() -> Lzf.decompress(hex("00 61 00 62"), 1)).isInstanceOf(RdbException.class);
    // a declared length the data cannot expand to is refused before any allocation
    assertThatThrownBy(() -> Lzf.decompress(hex("00 61"), Integer.MAX_VALUE - 8))
        .isInstanceOf(RdbException.class).hasMessageContaining("exceeds what 2 compressed bytes");
  }

  @Test
  void randomGarbageOnlyEverFailsWithRdbException() {
    SplittableRandom r = new SplittableRandom(7);
    int ok = 0;
    for (int i = 0; i < 200_000; i++) {
      byte[] in = new byte[r.nextInt(0, 40)];
      r.nextBytes(in);
      int outLen = r.nextInt(0, 200);
      try {
        byte[] out = Lzf.decompress(in, outLen);
        assertThat(out).hasSize(outLen);
        ok++;
      } catch (RdbException expected) {
        // the only failure allowed
      }
    }
    assertThat(ok).isPositive();
  }

  /** kind 0 random, 1 zeros, 2 text, 3 short period, 4 mixed runs and noise. */
  static byte[] sample(SplittableRandom r, int n, int kind) {
    byte[] b = new byte[n];
    switch (kind) {
      case 0 -> r.nextBytes(b);
      case 1 -> { }
      case 2 -> {
        String words = "the quick brown fox jumps over the lazy dog while kvstore writes rdb files ";
        for (int i = 0; i < n; i++) b[i] = (byte) words.charAt((i * 7 + i / 13) % words.length());
      }
      case 3 -> {
        int p = r.nextInt(1, 9);
        for (int i = 0; i < n; i++) b[i] = (byte) ('a' + i % p);
      }
      default -> {
        int i = 0;
        while (i < n) {
          int run = Math.min(n - i, r.nextInt(1, 400));
          if (r.nextBoolean()) {
            Arrays.fill(b, i, i + run, (byte) r.nextInt(256));
          } else {
            for (int j = i; j < i + run; j++) b[j] = (byte) r.nextInt(256);
          }
          i += run;
        }
      }
    }
    return b;
  }
}
