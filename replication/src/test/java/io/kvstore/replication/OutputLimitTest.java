package io.kvstore.replication;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutputLimitTest {
  @Test
  void readsTheReplicaClass() {
    OutputLimit l = OutputLimit.parse("normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60");
    assertThat(l.hard).isEqualTo(268435456L);
    assertThat(l.soft).isEqualTo(67108864L);
    assertThat(l.softSeconds).isEqualTo(60);
  }

  @Test
  void theHardLimitTripsAtOnceTheSoftOneAfterItsSeconds() {
    OutputLimit l = new OutputLimit(1000, 100, 2);
    OutputLimit.Tracker t = new OutputLimit.Tracker();
    assertThat(t.exceeded(l, 1000, 0)).isTrue();
    t = new OutputLimit.Tracker();
    assertThat(t.exceeded(l, 150, 10_000)).isFalse(); // first seen over the soft limit
    assertThat(t.exceeded(l, 150, 12_999)).isFalse(); // 2 s: not more than soft seconds yet
    assertThat(t.exceeded(l, 50, 13_000)).isFalse(); // back under: the clock restarts
    assertThat(t.exceeded(l, 150, 14_000)).isFalse();
    assertThat(t.exceeded(l, 150, 17_000)).isTrue();
    assertThat(new OutputLimit.Tracker().exceeded(new OutputLimit(0, 0, 0), Long.MAX_VALUE, 0)).isFalse();
  }
}
