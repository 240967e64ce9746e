package io.kvstore.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.bench.client.Request;
import io.kvstore.bench.history.Op;
import io.kvstore.bench.history.OpType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RegisterWorkloadTest {
  @Test
  void valuesAreUniqueAndKeysRetireAfterTheirOperations() {
    RegisterWorkload w = new RegisterWorkload(3, 10);
    SplittableRandom rng = new SplittableRandom(1);
    Workload.Memory m = new Workload.Memory();
    Set<String> values = new HashSet<>();
    Map<String, Integer> perKey = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      Request r = w.next(rng, m);
      assertThat(RegisterWorkload.owns(r.key())).isTrue();
      perKey.merge(r.key(), 1, Integer::sum);
      if (r.value() != null) {
        assertThat(values.add(r.value())).isTrue();
      }
    }
    assertThat(perKey).hasSize(30);
    assertThat(perKey.values()).containsOnly(10);
  }

  @Test
  void casExpectsWhatTheWorkerLastSaw() {
    RegisterWorkload w = new RegisterWorkload(1, 1000);
    Workload.Memory m = new Workload.Memory();
    w.observe(Op.invoke(0, 0, OpType.READ, "r0:0", null, 0).ok(1, "v9"), m);
    SplittableRandom rng = new SplittableRandom(2);
    for (int i = 0; i < 100; i++) {
      Request r = w.next(rng, m);
      if (r.type() == OpType.CAS) {
        assertThat(r.expected()).isEqualTo("v9");
        return;
      }
    }
    throw new AssertionError("no CAS drawn");
  }

  @Test
  void otherWorkloadsKeysAreNotRegisters() {
    assertThat(RegisterWorkload.owns("c:0")).isFalse();
    assertThat(RegisterWorkload.owns(SetWorkload.KEY)).isFalse();
    assertThat(RegisterWorkload.owns("r12:3")).isTrue();
  }
}
