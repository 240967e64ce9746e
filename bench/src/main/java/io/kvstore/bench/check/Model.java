package io.kvstore.bench.check;

import io.kvstore.bench.history.Op;

/**
 * A sequential specification for the linearizability checker: the state of one key and how each
 * operation changes it. States must be immutable and implement equals/hashCode (the search
 * memoizes on them).
 */
public interface Model<S> {
    S init();

    /**
     * The state after {@code op} takes effect in {@code state}, or null if the operation could
     * not have produced its observed result there. For an operation whose outcome is unknown
     * (INFO) only the effect is applied: it never returns null.
     */
    S step(S state, Op op);

    /** Whether {@code op} changes nothing; such operations with an unknown outcome are dropped. */
    boolean isReadOnly(Op op);

    default String describe(S state) {
        return String.valueOf(state);
    }
}
