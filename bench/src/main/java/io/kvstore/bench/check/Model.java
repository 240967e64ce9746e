package io.kvstore.bench.check;

import io.kvstore.bench.history.Op;
import java.util.List;

/**
 * A sequential specification for the linearizability checker: the state of one key and how each
 * operation changes it. States must be immutable and implement equals/hashCode (the search
 * memoizes on them).
 */
public interface Model<S> {
    S init();

    /**
     * The instance one search should use. Models that keep per-search tables (e.g. to hash-cons
     * states) return a new instance; stateless models return themselves.
     */
    default Model<S> fresh() {
        return this;
    }

    /**
     * The state after {@code op} takes effect in {@code state}, or null if the operation could
     * not have produced its observed result there. For an operation whose outcome is unknown
     * (INFO) only the effect is applied: it never returns null.
     */
    S step(S state, Op op);

    /** Whether {@code op} changes nothing; such operations with an unknown outcome are dropped. */
    boolean isReadOnly(Op op);

    /**
     * Rewrites one key's operations (FAIL ones and unknown reads already removed) into an
     * equivalent, easier history: the search's answer must not change. Unknown-outcome operations
     * are what makes the search expensive, since they stay candidates forever; a model can drop
     * those that cannot matter or pin down those whose effect was observed.
     */
    default List<Op> simplify(List<Op> ops) {
        return ops;
    }

    default String describe(S state) {
        return String.valueOf(state);
    }
}
