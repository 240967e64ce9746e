package io.kvstore.bench.check;

import java.time.Duration;

/**
 * Limits for one key's linearizability search: search steps, memoized states (counted in 64-bit
 * words of their operation sets, which is what costs memory) and wall-clock time. Whichever runs
 * out first ends the search with {@link Verdict#UNKNOWN}. Steps are deterministic; prefer them in
 * tests.
 */
public record Budget(long maxSteps, long maxCachedWords, Duration timeout) {
    /** 50M steps, 32M words (about 256 MB of memo), 30 seconds per key. */
    public static final Budget DEFAULT = new Budget(50_000_000L, 32_000_000L, Duration.ofSeconds(30));

    public static Budget steps(long maxSteps) {
        return new Budget(maxSteps, DEFAULT.maxCachedWords, Duration.ofDays(365));
    }

    public Budget {
        if (maxSteps <= 0 || maxCachedWords <= 0 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("budget limits must be positive");
        }
    }
}
