package io.kvstore.bench.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClosedLoopTest {
  private static final long MS = 1_000_000L;

  @Test
  void writesLandOnlyInTheKeySpaceAndEachClientHasItsOwnSession() throws Exception {
    MemoryTarget t = new MemoryTarget();
    KeySpace keys = new KeySpace(50, 100);
    StepResult r = new ClosedLoop(t, keys).run(ClosedLoop.Op.WRITE, 4, 20 * MS, 200 * MS, 1);
    assertThat(r.system()).isEqualTo("memory");
    assertThat(r.op()).isEqualTo("write");
    assertThat(r.clients()).isEqualTo(4);
    assertThat(r.seconds()).isEqualTo(0.2);
    assertThat(r.errors()).isZero();
    assertThat(r.ops()).isPositive().isLessThanOrEqualTo(t.puts.get());
    assertThat(r.p50Micros()).isPositive().isLessThanOrEqualTo(r.p99Micros());
    assertThat(t.opened).containsExactlyInAnyOrder(0, 1, 2, 3);
    assertThat(t.closed.get()).isEqualTo(4);
    assertThat(t.data.keySet()).allMatch(k -> k.matches("key:00000[0-4][0-9]"));
    assertThat(t.data.values()).allMatch(keys::isValue);
  }

  @Test
  void readsOfTheWrittenValueSucceedAndMissingKeysAreErrors() throws Exception {
    MemoryTarget t = new MemoryTarget();
    KeySpace keys = new KeySpace(20, 10);
    for (int i = 0; i < 10; i++) t.data.put("key:000000" + i, keys.value());
    StepResult r = new ClosedLoop(t, keys).run(ClosedLoop.Op.READ, 2, 0, 200 * MS, 7);
    assertThat(t.puts.get()).isZero();
    assertThat(r.ops()).isPositive();
    assertThat(r.errors()).as("half the keys are missing").isPositive();
  }

  @Test
  void failuresAreCountedNotTimedAndTheFirstIsKept() throws Exception {
    MemoryTarget t = new MemoryTarget();
    t.failWrites = true;
    ClosedLoop loop = new ClosedLoop(t, new KeySpace(10, 10));
    StepResult r = loop.run(ClosedLoop.Op.WRITE, 3, 0, 100 * MS, 1);
    assertThat(r.ops()).isZero();
    assertThat(r.errors()).isPositive();
    assertThat(r.p50Micros()).isZero();
    assertThat(loop.firstError()).contains("write refused");
  }

  @Test
  void nothingStartedAfterTheWindowCounts() throws Exception {
    MemoryTarget t = new MemoryTarget();
    StepResult r = new ClosedLoop(t, new KeySpace(10, 10)).run(ClosedLoop.Op.WRITE, 1, 50 * MS, 0, 1);
    assertThat(r.ops()).isZero();
    assertThat(t.puts.get()).as("the warm-up still ran").isPositive();
  }
}
