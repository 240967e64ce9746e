package io.kvstore.bench.check;

import io.kvstore.bench.history.Op;
import io.kvstore.bench.history.OpType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A cheap, linear-time test for the commonest register anomaly under asynchronous replication:
 * a read returning a value that had already been overwritten before the read began. It needs
 * every written value of a key to be unique (as the benchmark's workloads write them) and works on
 * histories far too large for the full linearizability search.
 *
 * <p>A read R that returned the value of write S is stale when some write W was acknowledged
 * before R began and S had completed before W began: every legal order then has S before W
 * before R, so R cannot see S's value. The lag reported is R's start minus W's acknowledgement,
 * a lower bound on how stale the read was. Writers are WRITEs and applied CASes (a CAS of unknown
 * outcome may have written its value); a read of absent counts as reading the initial state
 * unless the key has DELETEs. A read of a value nobody wrote, or only failed writes wrote, is
 * reported as unexplained. Reads of values written more than once are skipped as ambiguous.
 */
public final class StaleReadDetector {
    /** A stale read: {@code source} wrote the value (null = initial state), {@code newer} overwrote it. */
    public record StaleRead(Op read, Op source, Op newer, long lagNs) {
        public String describe() {
            return read.describe() + " returned the value of " + (source == null ? "the initial state" : source.describe())
                    + ", overwritten by " + newer.describe() + " acknowledged " + lagNs + " ns before the read began";
        }
    }

    public record Result(String key, int reads, int ambiguous, List<StaleRead> stale, List<Op> unexplained) {
        public boolean ok() {
            return stale.isEmpty() && unexplained.isEmpty();
        }

        /** The largest lag of a stale read, 0 if none. */
        public long maxLagNs() {
            return stale.stream().mapToLong(StaleRead::lagNs).max().orElse(0);
        }
    }

    private StaleReadDetector() {
    }

    public static Result check(String key, List<Op> ops) {
        Map<String, List<Op>> writersOf = new HashMap<>();
        List<Op> acked = new ArrayList<>();
        boolean deletes = false;
        for (Op op : ops) {
            if (op.type() == OpType.DELETE) {
                deletes = true;
                if (op.isOk()) {
                    acked.add(op);
                }
                continue;
            }
            boolean writer = op.type() == OpType.WRITE || (op.type() == OpType.CAS && (op.isInfo() || op.casApplied()));
            if (!writer || op.isFail()) {
                continue;
            }
            writersOf.computeIfAbsent(op.value(), v -> new ArrayList<>()).add(op);
            if (op.isOk()) {
                acked.add(op);
            }
        }
        acked.sort((a, b) -> Long.compare(a.completeNs(), b.completeNs()));
        long[] ackedAt = new long[acked.size()];
        int[] latestStart = new int[acked.size()];
        for (int i = 0; i < acked.size(); i++) {
            ackedAt[i] = acked.get(i).completeNs();
            latestStart[i] = i == 0 || acked.get(i).invokeNs() > acked.get(latestStart[i - 1]).invokeNs()
                    ? i : latestStart[i - 1];
        }
        int reads = 0;
        int ambiguous = 0;
        List<StaleRead> stale = new ArrayList<>();
        List<Op> unexplained = new ArrayList<>();
        for (Op read : ops) {
            if (read.type() != OpType.READ || !read.isOk()) {
                continue;
            }
            reads++;
            String v = read.result();
            long sourceDone;
            Op source = null;
            if (v == null) {
                if (deletes) {
                    ambiguous++;
                    continue;
                }
                sourceDone = Long.MIN_VALUE;
            } else {
                List<Op> ws = writersOf.get(v);
                if (ws == null) {
                    unexplained.add(read);
                    continue;
                }
                if (ws.size() > 1) {
                    ambiguous++;
                    continue;
                }
                source = ws.get(0);
                sourceDone = source.isOk() ? source.completeNs() : Long.MAX_VALUE;
            }
            int n = countBelow(ackedAt, read.invokeNs());
            if (n == 0) {
                continue;
            }
            Op newer = acked.get(latestStart[n - 1]);
            if (newer.invokeNs() > sourceDone) {
                stale.add(new StaleRead(read, source, newer, read.invokeNs() - newer.completeNs()));
            }
        }
        return new Result(key, reads, ambiguous, List.copyOf(stale), List.copyOf(unexplained));
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
}
