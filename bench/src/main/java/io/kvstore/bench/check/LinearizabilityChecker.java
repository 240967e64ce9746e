package io.kvstore.bench.check;

import io.kvstore.bench.history.History;
import io.kvstore.bench.history.Op;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks that a history is linearizable for a per-key model (a register by default). Keys are
 * independent objects, so the history is split by key and each part searched on its own
 * (P-compositionality: a history is linearizable iff every key's sub-history is), which turns one
 * exponential search into many small ones.
 *
 * <p>Before searching, FAIL operations are dropped (they never took effect) and so are read-only
 * operations of unknown outcome (they constrain nothing and change nothing), then the model may
 * settle some unknown outcomes ({@link Model#simplify}). Each key's search is
 * bounded by the {@link Budget}; running out gives {@link Verdict#UNKNOWN} for that key.
 *
 * <p>By default every key is searched to a verdict or to its budget. With
 * {@link #stopAtFirstViolation()} the keys are searched in rounds of growing step limits (starting
 * at {@value #FIRST_ROUND_STEPS}, times {@value #ROUND_GROWTH} each round, up to the budget) and
 * checking ends after the round that finds a violation: a cheap violation on one key is then not
 * delayed by an expensive search on another, as when partitions are checked in parallel and the
 * first failure stops the rest.
 */
public final class LinearizabilityChecker<S> {
    static final long FIRST_ROUND_STEPS = 100_000;
    static final int ROUND_GROWTH = 8;

    private final Model<S> model;
    private final Budget budget;
    private final boolean stopEarly;

    public LinearizabilityChecker(Model<S> model, Budget budget) {
        this(model, budget, false);
    }

    private LinearizabilityChecker(Model<S> model, Budget budget, boolean stopEarly) {
        this.model = model;
        this.budget = budget;
        this.stopEarly = stopEarly;
    }

    /** A register checker (read/write/delete/append/cas) with the default budget. */
    public static LinearizabilityChecker<RegisterModel.State> registers() {
        return registers(Budget.DEFAULT);
    }

    public static LinearizabilityChecker<RegisterModel.State> registers(Budget budget) {
        return new LinearizabilityChecker<>(new RegisterModel(), budget);
    }

    /** The same checker, ending as soon as one key is known not to be linearizable. */
    public LinearizabilityChecker<S> stopAtFirstViolation() {
        return new LinearizabilityChecker<>(model, budget, true);
    }

    /** Checks every key of the history; results are in order of each key's first appearance. */
    public LinearizabilityResult check(List<Op> history) {
        Map<String, List<Op>> byKey = History.byKey(history);
        List<String> keys = new ArrayList<>(byKey.keySet());
        List<List<Op>> parts = new ArrayList<>();
        for (String k : keys) {
            parts.add(relevant(byKey.get(k)));
        }
        KeyResult[] results = new KeyResult[keys.size()];
        if (!stopEarly) {
            for (int i = 0; i < keys.size(); i++) {
                results[i] = new WglSearch<>(model, parts.get(i)).run(keys.get(i), budget);
            }
            return LinearizabilityResult.of(List.of(results));
        }
        long limit = Math.min(FIRST_ROUND_STEPS, budget.maxSteps());
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            open.add(i);
        }
        while (!open.isEmpty()) {
            List<Integer> again = new ArrayList<>();
            boolean violated = false;
            for (int i : open) {
                KeyResult before = results[i];
                long spent = before == null ? 0 : before.elapsedNanos();
                Duration left = budget.timeout().minusNanos(spent);
                if (left.isNegative() || left.isZero()) {
                    continue;
                }
                WglSearch<S> search = new WglSearch<>(model, parts.get(i));
                KeyResult r = search.run(keys.get(i), new Budget(limit, budget.maxCachedWords(), left));
                results[i] = accumulate(before, r);
                violated |= r.verdict() == Verdict.NOT_LINEARIZABLE;
                if (search.outOfSteps() && limit < budget.maxSteps()) {
                    again.add(i);
                }
            }
            if (violated) {
                for (int i = 0; i < keys.size(); i++) {
                    if (results[i] == null || again.contains(i)) {
                        results[i] = notChecked(keys.get(i), parts.get(i).size(), results[i]);
                    }
                }
                break;
            }
            open = again;
            limit = Math.min(budget.maxSteps(), limit * ROUND_GROWTH);
        }
        return LinearizabilityResult.of(List.of(results));
    }

    /** Checks one key's operations (all assumed to be on that key). */
    public KeyResult checkKey(String key, List<Op> ops) {
        return new WglSearch<>(model, relevant(ops)).run(key, budget);
    }

    private List<Op> relevant(List<Op> ops) {
        List<Op> out = new ArrayList<>(ops.size());
        for (Op op : ops) {
            if (op.isFail() || (op.isInfo() && model.isReadOnly(op))) {
                continue;
            }
            out.add(op);
        }
        return model.simplify(out);
    }

    private static KeyResult accumulate(KeyResult before, KeyResult now) {
        if (before == null) {
            return now;
        }
        return new KeyResult(now.key(), now.verdict(), now.operations(), before.steps() + now.steps(),
                now.cachedStates(), before.elapsedNanos() + now.elapsedNanos(), now.violation(), now.unknownReason());
    }

    private static KeyResult notChecked(String key, int ops, KeyResult sofar) {
        String why = "not searched further: another key is not linearizable";
        return sofar == null ? new KeyResult(key, Verdict.UNKNOWN, ops, 0, 0, 0, null, why)
                : new KeyResult(key, Verdict.UNKNOWN, ops, sofar.steps(), sofar.cachedStates(),
                        sofar.elapsedNanos(), null, why);
    }
}
