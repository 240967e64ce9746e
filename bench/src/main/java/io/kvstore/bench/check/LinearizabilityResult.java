package io.kvstore.bench.check;

import java.util.List;

/** The verdict over all keys (any violation wins, then any unknown) and each key's result. */
public record LinearizabilityResult(Verdict verdict, List<KeyResult> keys) {
    public LinearizabilityResult {
        keys = List.copyOf(keys);
    }

    public static LinearizabilityResult of(List<KeyResult> keys) {
        Verdict v = Verdict.LINEARIZABLE;
        for (KeyResult k : keys) {
            v = v.and(k.verdict());
        }
        return new LinearizabilityResult(v, keys);
    }

    public List<KeyResult> violations() {
        return keys.stream().filter(k -> k.verdict() == Verdict.NOT_LINEARIZABLE).toList();
    }

    public List<KeyResult> undecided() {
        return keys.stream().filter(k -> k.verdict() == Verdict.UNKNOWN).toList();
    }
}
