package io.kvstore.persistence.rdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Crc64Test {
  @Test
  void checkValueOfTheJonesPolynomial() {
    assertThat(Crc64.of("123456789".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(0xe9c6d914c4b8d9caL);
    assertThat(Crc64.of(new byte[0])).isZero();
  }

  @Test
  void streamingUpdatesEqualOneShot() {
    byte[] data = new byte[10_000];
    new SplittableRandom(1).nextBytes(data);
    long whole = Crc64.of(data);
    Crc64 c = new Crc64();
    SplittableRandom r = new SplittableRandom(2);
    int i = 0;
    while (i < data.length) {
      int n = Math.min(data.length - i, r.nextInt(0, 300));
      if (n == 1) {
        c.update(data[i]);
      } else {
        c.update(data, i, n);
      }
      i += n;
    }
    assertThat(c.value()).isEqualTo(whole);
    c.reset();
    assertThat(c.value()).isZero();
  }

  @Test
  void matchesTheChecksumStoredByRedis() {
    byte[] v = RdbFixtures.vector();
    long stored = 0;
    for (int i = 7; i >= 0; i--) stored = (stored << 8) | (v[v.length - 8 + i] & 0xff);
    assertThat(Crc64.of(Arrays.copyOf(v, v.length - 8))).isEqualTo(stored);
    byte[] real = RdbFixtures.resource("strings.rdb");
    long realStored = 0;
    for (int i = 7; i >= 0; i--) realStored = (realStored << 8) | (real[real.length - 8 + i] & 0xff);
    assertThat(Crc64.of(Arrays.copyOf(real, real.length - 8))).isEqualTo(realStored);
  }
}
