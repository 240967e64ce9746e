package io.kvstore.bench.workload;

import io.kvstore.bench.client.Request;
import io.kvstore.bench.history.OpType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * INCR on a few counters, with an occasional GET; a final GET of each. An acknowledged
 * increment the final count does not include is a lost write; a count above every attempted
 * increment means one was applied twice.
 */
public final class CounterWorkload implements Workload {
  /** History keys of this workload start with this prefix. */
  public static final String PREFIX = "c:";

  private final int counters;

  public CounterWorkload(int counters) {
    this.counters = counters;
  }

  @Override
  public String name() {
    return "counter";
  }

  @Override
  public Request next(SplittableRandom rng, Memory memory) {
    String key = PREFIX + rng.nextInt(counters);
    if (rng.nextInt(10) == 0) {
      return new Request(Request.Family.COUNTER, OpType.READ, key, key, null, null);
    }
    return new Request(Request.Family.COUNTER, OpType.INCR, key, key, "1", null);
  }

  @Override
  public List<Request> finalReads() {
    List<Request> out = new ArrayList<>();
    for (int i = 0; i < counters; i++) {
      out.add(new Request(Request.Family.COUNTER, OpType.READ, PREFIX + i, PREFIX + i, null, null));
    }
    return out;
  }
}
