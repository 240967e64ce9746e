package io.kvstore.bench.check;

/** A checker's answer. UNKNOWN: the search budget ran out before an answer was found. */
public enum Verdict {
    LINEARIZABLE, NOT_LINEARIZABLE, UNKNOWN;

    /** Combines per-part verdicts: any violation wins, then any unknown. */
    public Verdict and(Verdict other) {
        if (this == NOT_LINEARIZABLE || other == NOT_LINEARIZABLE) {
            return NOT_LINEARIZABLE;
        }
        if (this == UNKNOWN || other == UNKNOWN) {
            return UNKNOWN;
        }
        return LINEARIZABLE;
    }
}
