package io.kvstore.bench.check;

import io.kvstore.bench.history.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that a history is linearizable for a per-key model (a register by default). Keys are
 * independent objects, so the history is split by key and each part searched on its own
 * (P-compositionality: a history is linearizable iff every key's sub-history is), which turns one
 * exponential search into many small ones.
 *
 * <p>Before searching, FAIL operations are dropped (they never took effect) and so are read-only
 * operations of unknown outcome (they constrain nothing and change nothing). Each key's search is
 * bounded by the {@link Budget}; running out gives {@link Verdict#UNKNOWN} for that key.
 */
public final class LinearizabilityChecker<S> {
    private final Model<S> model;
    private final Budget budget;

    public LinearizabilityChecker(Model<S> model, Budget budget) {
        this.model = model;
        this.budget = budget;
    }

    /** A register checker (read/write/delete/append/cas) with the default budget. */
    public static LinearizabilityChecker<RegisterModel.State> registers() {
        return new LinearizabilityChecker<>(new RegisterModel(), Budget.DEFAULT);
    }

    public static LinearizabilityChecker<RegisterModel.State> registers(Budget budget) {
        return new LinearizabilityChecker<>(new RegisterModel(), budget);
    }

    /** Checks every key of the history, in order of first appearance. */
    public LinearizabilityResult check(List<Op> history) {
        Map<String, List<Op>> byKey = new LinkedHashMap<>();
        for (Op op : history) {
            byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
        }
        List<KeyResult> results = new ArrayList<>();
        for (Map.Entry<String, List<Op>> e : byKey.entrySet()) {
            results.add(checkKey(e.getKey(), e.getValue()));
        }
        return LinearizabilityResult.of(results);
    }

    /** Checks one key's operations (all assumed to be on that key). */
    public KeyResult checkKey(String key, List<Op> ops) {
        List<Op> relevant = new ArrayList<>(ops.size());
        for (Op op : ops) {
            if (op.isFail() || (op.isInfo() && model.isReadOnly(op))) {
                continue;
            }
            relevant.add(op);
        }
        return new WglSearch<>(model, relevant).run(key, budget);
    }
}
