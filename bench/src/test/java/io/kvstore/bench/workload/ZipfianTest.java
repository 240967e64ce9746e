package io.kvstore.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZipfianTest {
  @Test
  void valuesStayInRangeAndTheFirstRanksAreHot() {
    Zipfian z = new Zipfian(1000, Zipfian.YCSB_THETA);
    SplittableRandom rng = new SplittableRandom(3);
    int[] counts = new int[1000];
    for (int i = 0; i < 100_000; i++) {
      long v = z.next(rng);
      assertThat(v).isBetween(0L, 999L);
      counts[(int) v]++;
    }
    assertThat(counts[0]).isGreaterThan(counts[1]);
    assertThat(counts[1]).isGreaterThan(counts[10]);
    assertThat(counts[10]).isGreaterThan(counts[500]);
    // Zipf with theta 0.99 over 1000 items: rank 0 takes about 13% of draws.
    assertThat(counts[0]).isBetween(10_000, 16_000);
  }

  @Test
  void ycsbMixesReadTheirShare() {
    YcsbWorkload b = new YcsbWorkload(YcsbWorkload.Mix.B, 100, 10);
    SplittableRandom rng = new SplittableRandom(5);
    int reads = 0;
    for (int i = 0; i < 10_000; i++) {
      if (!b.next(rng, new Workload.Memory()).isWrite()) {
        reads++;
      }
    }
    assertThat(reads).isBetween(9_300, 9_700);
    YcsbWorkload c = new YcsbWorkload(YcsbWorkload.Mix.C, 100, 10);
    for (int i = 0; i < 1000; i++) {
      assertThat(c.next(rng, new Workload.Memory()).isWrite()).isFalse();
    }
  }
}
