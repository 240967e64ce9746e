package io.kvstore.bench.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A reproducible fault schedule: from a seed, the enabled kinds in a shuffled rotation (each
 * kind once before any repeats), durations and gaps drawn from their ranges, the first fault
 * after a warm-up and the last one ending a settle time before the phase ends. The same seed and
 * settings give the same schedule, so every mode meets the same faults at the same times.
 */
public final class FaultSchedule {
  /** Ranges in ms. */
  public record Settings(long phaseMs, long warmupMs, long settleMs, long minFaultMs, long maxFaultMs, long minGapMs,
      long maxGapMs) {
  }

  private FaultSchedule() {
  }

  public static List<Fault> generate(long seed, List<FaultKind> kinds, Settings s) {
    List<Fault> out = new ArrayList<>();
    if (kinds.isEmpty()) {
      return out;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    List<FaultKind> bag = new ArrayList<>();
    long t = s.warmupMs();
    while (true) {
      if (bag.isEmpty()) {
        bag.addAll(kinds);
        for (int i = bag.size() - 1; i > 0; i--) {
          int j = rng.nextInt(i + 1);
          FaultKind tmp = bag.get(i);
          bag.set(i, bag.get(j));
          bag.set(j, tmp);
        }
      }
      long duration = between(rng, s.minFaultMs(), s.maxFaultMs());
      if (t + duration + s.settleMs() > s.phaseMs()) {
        return out;
      }
      out.add(new Fault(bag.remove(0), t, duration));
      t += duration + between(rng, s.minGapMs(), s.maxGapMs());
    }
  }

  private static long between(SplittableRandom rng, long lo, long hi) {
    return hi <= lo ? lo : lo + rng.nextLong(hi - lo + 1);
  }
}
