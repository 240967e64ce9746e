package io.kvstore.bench.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CounterCheckerTest {
    private static Hist reads(Hist h, long value, long t) {
        return h.op(io.kvstore.bench.history.Op.invoke(999, 9, io.kvstore.bench.history.OpType.READ, "c", null, t)
                .ok(t + 1, Long.toString(value)));
    }

    @Test
    void finalCountWithinAckedAndUnknownBounds() {
        Hist h = new Hist().incr(0, "c", 1, 1L, 0, 10).incr(1, "c", 1, 2L, 20, 30).incrUnknown(2, "c", 1, 40)
                .incrFailed(3, "c", 1, 50, 60);
        CounterChecker.Result withoutUnknown = CounterChecker.check("c", reads(h, 2, 100).ops());
        assertThat(withoutUnknown.ok()).isTrue();
        assertThat(withoutUnknown.ackedSum()).isEqualTo(2);
        assertThat(withoutUnknown.unknownSum()).isEqualTo(1);
        assertThat(withoutUnknown.finalValue()).isEqualTo(2);
        assertThat(CounterChecker.check("c", reads(h, 3, 100).ops()).ok()).isTrue();
    }

    @Test
    void doubledIncrementExceedsTheUpperBound() {
        // One acknowledged INCR applied twice (e.g. retried after a failover that had replicated it).
        Hist h = new Hist().incr(0, "c", 1, 1L, 0, 10).incr(1, "c", 1, 2L, 20, 30);
        CounterChecker.Result r = CounterChecker.check("c", reads(h, 3, 100).ops());
        assertThat(r.ok()).isFalse();
        assertThat(r.anomalies()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(CounterChecker.EXTRA);
            assertThat(a.upper()).isEqualTo(2);
        });
        assertThat(r.extra()).isEqualTo(1);
    }

    @Test
    void lostIncrementFallsBelowTheLowerBound() {
        Hist h = new Hist().incr(0, "c", 5, 5L, 0, 10).incr(1, "c", 5, 10L, 20, 30).incrUnknown(2, "c", 5, 35);
        CounterChecker.Result r = CounterChecker.check("c", reads(h, 5, 100).ops());
        assertThat(r.ok()).isFalse();
        assertThat(r.lost()).isEqualTo(5);
        assertThat(r.anomalies().get(0).describe()).contains("lost increments", "allowed [10, 15]");
    }

    @Test
    void concurrentIncrementsMayOrMayNotBeSeen() {
        Hist h = new Hist().incr(0, "c", 1, 1L, 0, 10).incr(1, "c", 1, 2L, 50, 150);
        assertThat(CounterChecker.check("c", reads(h, 1, 100).ops()).ok()).isTrue();
        assertThat(CounterChecker.check("c", reads(h, 2, 100).ops()).ok()).isTrue();
    }

    @Test
    void incrResultsAreCheckedToo() {
        // Two INCRs that each returned 1: one overwrote the other.
        Hist dup = new Hist().incr(0, "c", 1, 1L, 0, 10).incr(1, "c", 1, 1L, 5, 15);
        assertThat(CounterChecker.check("c", dup.ops()).anomalies())
                .extracting(CounterChecker.Anomaly::kind).containsExactly(CounterChecker.DUPLICATE);
        // An INCR returning a count that ignores an earlier acknowledged INCR.
        Hist stale = new Hist().incr(0, "c", 1, 1L, 0, 10).incr(1, "c", 1, 1L, 20, 30);
        assertThat(CounterChecker.check("c", stale.ops()).anomalies())
                .extracting(CounterChecker.Anomaly::kind).contains(CounterChecker.LOST);
    }

    @Test
    void negativeDeltasWidenBothWays() {
        Hist h = new Hist().incr(0, "c", 10, 10L, 0, 10).incrUnknown(1, "c", -3, 20).incrUnknown(2, "c", 4, 21);
        assertThat(CounterChecker.check("c", reads(h, 7, 100).ops()).ok()).isTrue();
        assertThat(CounterChecker.check("c", reads(h, 14, 100).ops()).ok()).isTrue();
        assertThat(CounterChecker.check("c", reads(h, 6, 100).ops()).ok()).isFalse();
        assertThat(CounterChecker.check("c", reads(h, 15, 100).ops()).ok()).isFalse();
    }
}
