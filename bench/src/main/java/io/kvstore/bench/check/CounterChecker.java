package io.kvstore.bench.check;

import io.kvstore.bench.history.Op;
import io.kvstore.bench.history.OpType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a counter on one key: INCRs by a delta (the op's {@code value}, default 1) returning the
 * new count, and READs returning the count (absent = the initial value).
 *
 * <p>Every observed count (a read's result, an OK INCR's result) must lie within bounds computed
 * from the other increments: those acknowledged before the observation began certainly count;
 * those acknowledged later or of unknown outcome that were invoked before the observation ended
 * may or may not (negative deltas lower the lower bound, positive ones raise the upper bound);
 * FAILED ones never count. Below the lower bound means acknowledged increments were lost; above
 * the upper bound means increments were applied twice or out of nowhere. Also, when every delta
 * is positive, two OK INCRs cannot return the same count (one increment overwrote the other).
 * Computed with prefix sums in O(n log n).
 */
public final class CounterChecker {
    /** An observed count outside its bounds, or a repeated INCR result. */
    public record Anomaly(String kind, Op op, long observed, long lower, long upper) {
        public String describe() {
            return kind + ": " + op.describe() + " observed " + observed + ", allowed [" + lower + ", " + upper + "]";
        }
    }

    /** Bounds over the whole history and the anomalies found. */
    public record Result(String key, int acknowledged, int unknown, int failed, long ackedSum, long unknownSum,
                         int observations, Long finalValue, List<Anomaly> anomalies) {
        public boolean ok() {
            return anomalies.isEmpty();
        }

        public long lost() {
            return anomalies.stream().filter(a -> a.kind().equals(LOST)).mapToLong(a -> a.lower() - a.observed())
                    .max().orElse(0);
        }

        public long extra() {
            return anomalies.stream().filter(a -> a.kind().equals(EXTRA)).mapToLong(a -> a.observed() - a.upper())
                    .max().orElse(0);
        }
    }

    public static final String LOST = "lost increments";
    public static final String EXTRA = "extra increments";
    public static final String DUPLICATE = "duplicate INCR result";

    private CounterChecker() {
    }

    public static Result check(String key, List<Op> ops, long initial) {
        List<Op> incrs = new ArrayList<>();
        List<Op> observed = new ArrayList<>();
        int acked = 0;
        int unknown = 0;
        int failed = 0;
        long ackedSum = 0;
        long unknownSum = 0;
        boolean allPositive = true;
        for (Op op : ops) {
            if (op.type() == OpType.INCR) {
                long d = delta(op);
                allPositive &= d > 0;
                if (op.isFail()) {
                    failed++;
                    continue;
                }
                incrs.add(op);
                if (op.isOk()) {
                    acked++;
                    ackedSum += d;
                    if (op.result() != null) {
                        observed.add(op);
                    }
                } else {
                    unknown++;
                    unknownSum += d;
                }
            } else if (op.type() == OpType.READ && op.isOk()) {
                observed.add(op);
            }
        }
        // Acknowledged increments by completion; all non-failed by invocation.
        Op[] byComplete = incrs.stream().filter(Op::isOk).sorted((a, b) -> Long.compare(a.completeNs(), b.completeNs()))
                .toArray(Op[]::new);
        long[] completeAt = new long[byComplete.length];
        long[] defSum = new long[byComplete.length + 1];
        long[] defPos = new long[byComplete.length + 1];
        long[] defNeg = new long[byComplete.length + 1];
        for (int i = 0; i < byComplete.length; i++) {
            long d = delta(byComplete[i]);
            completeAt[i] = byComplete[i].completeNs();
            defSum[i + 1] = defSum[i] + d;
            defPos[i + 1] = defPos[i] + Math.max(0, d);
            defNeg[i + 1] = defNeg[i] + Math.min(0, d);
        }
        Op[] byInvoke = incrs.stream().sorted((a, b) -> Long.compare(a.invokeNs(), b.invokeNs())).toArray(Op[]::new);
        long[] invokeAt = new long[byInvoke.length];
        long[] invPos = new long[byInvoke.length + 1];
        long[] invNeg = new long[byInvoke.length + 1];
        for (int i = 0; i < byInvoke.length; i++) {
            long d = delta(byInvoke[i]);
            invokeAt[i] = byInvoke[i].invokeNs();
            invPos[i + 1] = invPos[i] + Math.max(0, d);
            invNeg[i + 1] = invNeg[i] + Math.min(0, d);
        }
        List<Anomaly> anomalies = new ArrayList<>();
        Long finalValue = null;
        long finalAt = Long.MIN_VALUE;
        Map<Long, Op> incrResults = new HashMap<>();
        for (Op obs : observed) {
            long value = count(obs, initial);
            int before = countBelow(completeAt, obs.invokeNs());
            int invoked = countBelow(invokeAt, obs.completeNs() + 1);
            long lower = initial + defSum[before] + invNeg[invoked] - defNeg[before];
            long upper = initial + defSum[before] + invPos[invoked] - defPos[before];
            if (obs.type() == OpType.INCR) {
                long d = delta(obs);
                if (obs.invokeNs() <= obs.completeNs()) {
                    // The sums above counted the op itself as "maybe"; it certainly applied.
                    lower += d - Math.min(0, d);
                    upper += d - Math.max(0, d);
                } else {
                    lower += d;
                    upper += d;
                }
                if (allPositive) {
                    Op other = incrResults.putIfAbsent(value, obs);
                    if (other != null) {
                        anomalies.add(new Anomaly(DUPLICATE, obs, value, value, value));
                    }
                }
            }
            if (value < lower) {
                anomalies.add(new Anomaly(LOST, obs, value, lower, upper));
            } else if (value > upper) {
                anomalies.add(new Anomaly(EXTRA, obs, value, lower, upper));
            }
            if (obs.type() == OpType.READ && obs.completeNs() > finalAt) {
                finalAt = obs.completeNs();
                finalValue = value;
            }
        }
        return new Result(key, acked, unknown, failed, ackedSum, unknownSum, observed.size(), finalValue,
                List.copyOf(anomalies));
    }

    public static Result check(String key, List<Op> ops) {
        return check(key, ops, 0);
    }

    private static int countBelow(long[] sorted, long t) {
        int i = Arrays.binarySearch(sorted, t);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && sorted[i - 1] == t) {
            i--;
        }
        return i;
    }

    private static long delta(Op op) {
        return op.value() == null ? 1 : Long.parseLong(op.value());
    }

    private static long count(Op op, long initial) {
        return op.result() == null ? initial : Long.parseLong(op.result());
    }
}
