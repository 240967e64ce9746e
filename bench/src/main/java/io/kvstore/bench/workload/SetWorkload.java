package io.kvstore.bench.workload;

import io.kvstore.bench.client.Request;
import io.kvstore.bench.history.OpType;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unique adds to one set, then a final read of the whole set: the plainest test of lost writes.
 * The set is kept as one key per element ({@code s:<n>}), so an add is a SET and the read is a
 * KEYS of the pattern; an acknowledged add missing from the final read is a lost write.
 */
public final class SetWorkload implements Workload {
  /** The history key of the set. */
  public static final String KEY = "set";
  static final String PATTERN = "s:*";

  private final AtomicLong elements = new AtomicLong();

  @Override
  public String name() {
    return "set";
  }

  @Override
  public Request next(SplittableRandom rng, Memory memory) {
    String e = Long.toString(elements.incrementAndGet());
    return new Request(Request.Family.SET, OpType.ADD, KEY, "s:" + e, e, null);
  }

  @Override
  public List<Request> finalReads() {
    return List.of(new Request(Request.Family.SET, OpType.READ, KEY, PATTERN, null, null));
  }
}
