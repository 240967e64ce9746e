package io.kvstore.bench.check;

import io.kvstore.bench.history.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The linearizability search over one key's operations: Wing &amp; Gong's backtracking with
 * Lowe's two improvements, in the shape Porcupine popularised.
 *
 * <p>Calls and returns form one doubly linked list in time order. Walking it, at a call the
 * search tries to linearize that operation now (just in time: only operations already invoked
 * are candidates); if the model accepts it and the configuration (set of linearized operations,
 * new state) was never seen, the operation is pushed and its call and return are unlinked
 * (dancing links), and the walk restarts from the front. Reaching a return means that operation
 * had to be linearized by now and was not: pop the last choice, relink it and try the next call
 * after it. An empty stack at a return means no linearization exists.
 *
 * <p>An operation with an unknown outcome has a call but no return: it may be linearized at any
 * point after its invocation, and leaving it out entirely is the same as placing it after
 * everything else, so the search succeeds as soon as every operation with a known completion is
 * linearized. The memo makes each (set, state) configuration explored once, which bounds the work
 * by the number of distinct configurations rather than orderings.
 */
final class WglSearch<S> {
    /** One choice on the search stack; persistent so the deepest point can be kept cheaply. */
    private record Frame(int entry, Object stateBefore, Frame parent, int depth) {
    }

    private final Model<S> model;
    private final Op[] ops;
    private final long[] zobrist;
    private final int[] next;
    private final int[] prev;
    private final int[] opOf;
    private final int[] match;
    private final boolean[] isCall;
    private final int returns;

    private long steps;
    private boolean outOfSteps;
    private Frame deepest;
    private int deepestDepth = -1;
    private int deepestBlocked = -1;
    private List<Op> deepestOpen = List.of();

    WglSearch(Model<S> model, List<Op> history) {
        this.model = model.fresh();
        this.ops = history.toArray(new Op[0]);
        int n = ops.length;
        zobrist = new long[n];
        long[][] events = new long[2 * n][];
        int ev = 0;
        int rets = 0;
        for (int i = 0; i < n; i++) {
            zobrist[i] = StateCache.mix(0x5DEECE66DL + i * 0x9E3779B97F4A7C15L);
            long invoke = ops[i].invokeNs();
            events[ev++] = new long[] {invoke, 0, i};
            if (ops[i].isOk()) {
                events[ev++] = new long[] {Math.max(invoke, ops[i].completeNs()), 1, i};
                rets++;
            }
        }
        returns = rets;
        long[][] sorted = Arrays.copyOf(events, ev);
        // Time order; at equal times calls first (the operations overlap), then by operation.
        Arrays.sort(sorted, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
                : a[1] != b[1] ? Long.compare(a[1], b[1]) : Long.compare(a[2], b[2]));
        int size = ev + 1;
        next = new int[size];
        prev = new int[size];
        opOf = new int[size];
        match = new int[size];
        isCall = new boolean[size];
        int[] callEntry = new int[n];
        Arrays.fill(match, -1);
        for (int e = 1; e < size; e++) {
            long[] x = sorted[e - 1];
            int op = (int) x[2];
            opOf[e] = op;
            isCall[e] = x[1] == 0;
            if (isCall[e]) {
                callEntry[op] = e;
            } else {
                match[callEntry[op]] = e;
                match[e] = callEntry[op];
            }
        }
        for (int e = 0; e < size; e++) {
            next[e] = (e + 1) % size;
            prev[e] = (e + size - 1) % size;
        }
    }

    /** Whether the last {@link #run} stopped on its step limit (a bigger one may decide). */
    boolean outOfSteps() {
        return outOfSteps;
    }

    /** Searches once; a search object is single-use. */
    KeyResult run(String key, Budget budget) {
        long start = System.nanoTime();
        long deadline = start + budget.timeout().toNanos();
        long[] set = new long[(ops.length + 63) / 64];
        StateCache cache = new StateCache(set.length);
        long setHash = 0;
        Object state = model.init();
        Frame top = null;
        int open = returns;
        int e = next[0];
        String unknown = null;
        while (open > 0) {
            if (steps == budget.maxSteps()) {
                outOfSteps = true;
                unknown = "search budget of " + budget.maxSteps() + " steps exhausted";
                break;
            }
            steps++;
            if ((steps & 0x3FFF) == 0 && System.nanoTime() - deadline > 0) {
                unknown = "time budget of " + budget.timeout() + " exhausted";
                break;
            }
            if (e == 0) {
                throw new IllegalStateException("search walked past every pending return");
            }
            if (isCall[e]) {
                int op = opOf[e];
                @SuppressWarnings("unchecked")
                Object after = model.step((S) state, ops[op]);
                if (after != null) {
                    set[op >>> 6] |= 1L << op;
                    long h = setHash ^ zobrist[op];
                    boolean fresh;
                    try {
                        fresh = cache.add(h, set, after);
                    } catch (IllegalStateException full) {
                        unknown = "memo table full";
                        break;
                    }
                    if (fresh) {
                        top = new Frame(e, state, top, top == null ? 1 : top.depth + 1);
                        state = after;
                        setHash = h;
                        lift(e);
                        if (match[e] >= 0) {
                            open--;
                        }
                        e = next[0];
                        if (cache.words() > budget.maxCachedWords()) {
                            unknown = "memo budget of " + budget.maxCachedWords() + " words exhausted";
                            break;
                        }
                        continue;
                    }
                    set[op >>> 6] &= ~(1L << op);
                }
                e = next[e];
            } else {
                int depth = top == null ? 0 : top.depth;
                if (depth > deepestDepth) {
                    deepestDepth = depth;
                    remember(top, e);
                }
                if (top == null) {
                    return result(key, Verdict.NOT_LINEARIZABLE, cache, start, violation(key), null);
                }
                e = top.entry;
                state = top.stateBefore;
                int op = opOf[e];
                set[op >>> 6] &= ~(1L << op);
                setHash ^= zobrist[op];
                unlift(e);
                if (match[e] >= 0) {
                    open++;
                }
                top = top.parent;
                e = next[e];
            }
        }
        if (unknown != null) {
            return result(key, Verdict.UNKNOWN, cache, start, null, unknown);
        }
        return result(key, Verdict.LINEARIZABLE, cache, start, null, null);
    }

    private void remember(Frame top, int blockedEntry) {
        deepest = top;
        deepestBlocked = opOf[blockedEntry];
        List<Op> open = new ArrayList<>();
        for (int x = next[0]; x != blockedEntry && x != 0; x = next[x]) {
            if (isCall[x] && opOf[x] != deepestBlocked) {
                open.add(ops[opOf[x]]);
            }
        }
        deepestOpen = open;
    }

    private Violation violation(String key) {
        List<Op> order = new ArrayList<>();
        for (Frame f = deepest; f != null; f = f.parent) {
            order.add(ops[opOf[f.entry]]);
        }
        Collections.reverse(order);
        S state = model.init();
        for (Op op : order) {
            state = model.step(state, op);
        }
        return new Violation(key, order, model.describe(state), ops[deepestBlocked], deepestOpen);
    }

    private KeyResult result(String key, Verdict v, StateCache cache, long start, Violation why, String reason) {
        return new KeyResult(key, v, ops.length, steps, cache.size(), System.nanoTime() - start, why, reason);
    }

    private void lift(int e) {
        next[prev[e]] = next[e];
        prev[next[e]] = prev[e];
        int r = match[e];
        if (r >= 0) {
            next[prev[r]] = next[r];
            prev[next[r]] = prev[r];
        }
    }

    private void unlift(int e) {
        int r = match[e];
        if (r >= 0) {
            next[prev[r]] = r;
            prev[next[r]] = r;
        }
        next[prev[e]] = e;
        prev[next[e]] = e;
    }
}
