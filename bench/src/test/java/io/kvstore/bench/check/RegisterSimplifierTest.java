package io.kvstore.bench.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.bench.history.Op;
import io.kvstore.bench.history.OpType;
import io.kvstore.bench.history.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegisterSimplifierTest {
    @Test
    void observedUnknownWriteBecomesDefiniteUntilItsFirstObserver() {
        List<Op> ops = new Hist().writeUnknown(0, "k", "b", 10, 20).read(1, "k", "b", 100, 110)
                .read(2, "k", "b", 50, 60).ops();
        List<Op> out = RegisterSimplifier.simplify(ops);
        assertThat(out.get(0).outcome()).isEqualTo(Outcome.OK);
        assertThat(out.get(0).completeNs()).isEqualTo(60);
        assertThat(out.get(0).describe()).contains("observed");
    }

    @Test
    void observedUnknownCasBecomesApplied() {
        List<Op> ops = new Hist().casUnknown(0, "k", null, "b", 10).read(1, "k", "b", 100, 110).ops();
        Op settled = RegisterSimplifier.simplify(ops).get(0);
        assertThat(settled.isOk()).isTrue();
        assertThat(settled.casApplied()).isTrue();
    }

    @Test
    void sharedValuesAreNotAttributed() {
        List<Op> ops = new Hist().writeUnknown(0, "k", "b", 10, 20).write(3, "k", "b", 30, 40)
                .read(1, "k", "b", 100, 110).ops();
        assertThat(RegisterSimplifier.simplify(ops)).isEqualTo(ops);
    }

    @Test
    void unobservedUnknownWriteIsDropped() {
        List<Op> ops = new Hist().write(0, "k", "a", 0, 5).writeUnknown(0, "k", "b", 10, 20)
                .read(1, "k", "a", 100, 110).ops();
        assertThat(RegisterSimplifier.simplify(ops)).extracting(Op::value).containsExactly("a", null);
    }

    @Test
    void aLaterMismatchingCasOrACasExpectingTheValueKeepsIt() {
        List<Op> mismatch = new Hist().writeUnknown(0, "k", "b", 10, 20).cas(1, "k", null, "c", false, 30, 40).ops();
        assertThat(RegisterSimplifier.simplify(mismatch)).hasSize(2);
        List<Op> expecting = new Hist().writeUnknown(0, "k", "b", 10, 20).casUnknown(1, "k", "b", "c", 30).ops();
        // The write of b stays (the CAS may have seen it); the CAS itself, whose value nothing saw, goes.
        assertThat(RegisterSimplifier.simplify(expecting)).extracting(Op::type).containsExactly(OpType.WRITE);
        List<Op> earlierMismatch = new Hist().cas(1, "k", "x", "c", false, 0, 5).writeUnknown(0, "k", "b", 10, 20).ops();
        assertThat(RegisterSimplifier.simplify(earlierMismatch)).hasSize(1);
    }

    @Test
    void appendHistoriesAreLeftAlone() {
        List<Op> ops = new Hist().op(Op.invoke(0, 0, OpType.APPEND, "k", "x", 0).ok(1, null))
                .writeUnknown(0, "k", "b", 10, 20).ops();
        assertThat(RegisterSimplifier.simplify(ops)).isEqualTo(ops);
    }
}
