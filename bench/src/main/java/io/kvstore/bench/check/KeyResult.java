package io.kvstore.bench.check;

/**
 * The linearizability verdict for one key: how many operations were checked (after dropping
 * failed ones and reads of unknown outcome), the search effort, and a {@link Violation} when not
 * linearizable or the reason when unknown.
 */
public record KeyResult(String key, Verdict verdict, int operations, long steps, int cachedStates,
                        long elapsedNanos, Violation violation, String unknownReason) {
}
