package io.kvstore.bench.workload;

import io.kvstore.bench.client.Request;
import io.kvstore.bench.history.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Several workloads at once on disjoint keys, each request drawn by weight. */
public final class MixedWorkload implements Workload {
  private final List<Workload> parts;
  private final int[] cumulative;

  public MixedWorkload(List<Workload> parts, List<Integer> weights) {
    if (parts.isEmpty() || parts.size() != weights.size()) {
      throw new IllegalArgumentException("one weight per workload");
    }
    this.parts = List.copyOf(parts);
    this.cumulative = new int[weights.size()];
    int sum = 0;
    for (int i = 0; i < weights.size(); i++) {
      sum += weights.get(i);
      cumulative[i] = sum;
    }
  }

  @Override
  public String name() {
    return String.join("+", parts.stream().map(Workload::name).toList());
  }

  @Override
  public Request next(SplittableRandom rng, Memory memory) {
    int d = rng.nextInt(cumulative[cumulative.length - 1]);
    for (int i = 0; i < cumulative.length; i++) {
      if (d < cumulative[i]) {
        return parts.get(i).next(rng, memory);
      }
    }
    throw new IllegalStateException();
  }

  @Override
  public void observe(Op op, Memory memory) {
    for (Workload w : parts) {
      w.observe(op, memory);
    }
  }

  @Override
  public List<Request> finalReads() {
    List<Request> out = new ArrayList<>();
    for (Workload w : parts) {
      out.addAll(w.finalReads());
    }
    return out;
  }
}
