package io.kvstore.bench.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.bench.history.Op;
import io.kvstore.bench.history.OpType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random small register histories (reads, writes, CAS; OK, FAIL and unknown outcomes; few values,
 * so many coincide) checked both by the search and by an independent brute force that tries every
 * real-time-respecting order of every subset of the unknown operations.
 */
class BruteForceCrossCheckTest {
    private static final String[] VALUES = {null, "0", "1", "2"};

    @Test
    void searchAgreesWithBruteForceOnFewSharedValues() {
        crossCheck(new SplittableRandom(20240601), false, true);
    }

    @Test
    void searchAgreesWithBruteForceOnUniqueValues() {
        // Unique values let the simplifier settle unknown writes (observed ones, unobserved ones).
        crossCheck(new SplittableRandom(7), true, true);
        crossCheck(new SplittableRandom(8), true, false);
    }

    private static void crossCheck(SplittableRandom rnd, boolean unique, boolean cas) {
        int linearizable = 0;
        int histories = 3000;
        for (int i = 0; i < histories; i++) {
            List<Op> ops = randomHistory(rnd, 3 + rnd.nextInt(6), unique, cas);
            boolean expected = bruteForce(ops);
            Verdict got = LinearizabilityChecker.registers().check(ops).verdict();
            assertThat(got).as("history %d: %s", i, ops)
                    .isEqualTo(expected ? Verdict.LINEARIZABLE : Verdict.NOT_LINEARIZABLE);
            linearizable += expected ? 1 : 0;
        }
        // Both answers are well represented.
        assertThat(linearizable).isBetween(histories * 15 / 100, histories * 85 / 100);
    }

    /** Runs the operations at random points inside their intervals, then maybe corrupts one result. */
    private static List<Op> randomHistory(SplittableRandom rnd, int n, boolean unique, boolean cas) {
        long[] start = new long[n];
        long[] end = new long[n];
        long[] point = new long[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            start[i] = rnd.nextInt(20);
            end[i] = start[i] + rnd.nextInt(8);
            point[i] = 2 * start[i] + 1 + 2L * rnd.nextInt((int) (end[i] - start[i] + 1));
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(point[a], point[b]));
        OpType[] types = new OpType[n];
        String[] arg = new String[n];
        String[] from = new String[n];
        for (int i = 0; i < n; i++) {
            int t = rnd.nextInt(cas ? 3 : 2);
            types[i] = t == 0 ? OpType.READ : t == 1 ? OpType.WRITE : OpType.CAS;
            arg[i] = unique ? "w" + i : VALUES[1 + rnd.nextInt(3)];
            from[i] = unique ? (rnd.nextInt(3) == 0 ? null : "w" + rnd.nextInt(n)) : VALUES[rnd.nextInt(4)];
        }
        String[] result = new String[n];
        int[] outcome = new int[n]; // 0 ok, 1 fail, 2 unknown-but-applied, 3 unknown-not-applied
        for (int i = 0; i < n; i++) {
            int o = rnd.nextInt(10);
            outcome[i] = o < 7 ? 0 : o == 7 ? 1 : o == 8 ? 2 : 3;
        }
        String state = null;
        for (int idx : order) {
            if (outcome[idx] == 1 || outcome[idx] == 3) {
                continue;
            }
            switch (types[idx]) {
                case READ -> result[idx] = state;
                case WRITE -> state = arg[idx];
                default -> {
                    boolean match = Objects.equals(state, from[idx]);
                    result[idx] = match ? Op.CAS_APPLIED : Op.CAS_MISMATCH;
                    if (match) {
                        state = arg[idx];
                    }
                }
            }
        }
        if (rnd.nextBoolean()) {
            int victim = rnd.nextInt(n);
            if (types[victim] == OpType.READ) {
                String was = result[victim];
                while (Objects.equals(result[victim], was)) {
                    result[victim] = unique ? (rnd.nextInt(4) == 0 ? null : "w" + rnd.nextInt(n)) : VALUES[rnd.nextInt(4)];
                }
            } else if (types[victim] == OpType.CAS) {
                result[victim] = rnd.nextBoolean() ? Op.CAS_APPLIED : Op.CAS_MISMATCH;
            } else {
                outcome[victim] = rnd.nextInt(4);
            }
        }
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // Times are doubled so that the (odd) linearization points fall inside the intervals.
            Op call = types[i] == OpType.CAS ? Op.invokeCas(i, i, "k", from[i], arg[i], start[i] * 2)
                    : Op.invoke(i, i, types[i], "k", types[i] == OpType.WRITE ? arg[i] : null, start[i] * 2);
            long t1 = end[i] * 2 + 1;
            ops.add(switch (outcome[i]) {
                case 0 -> call.ok(t1, result[i]);
                case 1 -> call.fail(t1, "refused");
                default -> call.info(t1, "timed out");
            });
        }
        return ops;
    }

    private static boolean bruteForce(List<Op> all) {
        List<Op> ops = new ArrayList<>();
        for (Op op : all) {
            if (!op.isFail() && !(op.isInfo() && op.type() == OpType.READ)) {
                ops.add(op);
            }
        }
        int n = ops.size();
        int unknownMask = 0;
        for (int i = 0; i < n; i++) {
            if (ops.get(i).isInfo()) {
                unknownMask |= 1 << i;
            }
        }
        // Every subset of the unknown operations may be the ones that took effect.
        for (int sub = unknownMask; ; sub = (sub - 1) & unknownMask) {
            int included = ((1 << n) - 1) & ~unknownMask | sub;
            if (search(ops, included, 0, null)) {
                return true;
            }
            if (sub == 0) {
                return false;
            }
        }
    }

    private static boolean search(List<Op> ops, int included, int placed, String state) {
        if (placed == included) {
            return true;
        }
        for (int i = 0; i < ops.size(); i++) {
            int bit = 1 << i;
            if ((included & bit) == 0 || (placed & bit) != 0 || !predecessorsPlaced(ops, included, placed, i)) {
                continue;
            }
            Op op = ops.get(i);
            String next = apply(op, state);
            if (next != null && search(ops, included, placed | bit, "\0nil".equals(next) ? null : next)) {
                return true;
            }
        }
        return false;
    }

    private static boolean predecessorsPlaced(List<Op> ops, int included, int placed, int i) {
        for (int j = 0; j < ops.size(); j++) {
            Op a = ops.get(j);
            if ((included & (1 << j)) != 0 && (placed & (1 << j)) == 0 && a.isOk()
                    && a.completeNs() < ops.get(i).invokeNs()) {
                return false;
            }
        }
        return true;
    }

    /** The next state ("\0nil" for absent), or null if the observed result is impossible. */
    private static String apply(Op op, String state) {
        String absent = "\0nil";
        switch (op.type()) {
            case READ:
                return Objects.equals(op.result(), state) ? (state == null ? absent : state) : null;
            case WRITE:
                return op.value();
            default:
                boolean match = Objects.equals(state, op.expected());
                String after = match ? op.value() : state;
                if (op.isOk() && match != Op.CAS_APPLIED.equals(op.result())) {
                    return null;
                }
                return after == null ? absent : after;
        }
    }
}
