package io.kvstore.bench.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.bench.history.Op;
import io.kvstore.bench.history.OpType;
import org.junit.jupiter.api.Test;

/** Small hand-made register histories with obvious answers. */
class RegisterLinearizabilityTest {
    private static Verdict check(Hist h) {
        return LinearizabilityChecker.registers().check(h.ops()).verdict();
    }

    @Test
    void sequentialWritesAndReadsAreLinearizable() {
        assertThat(check(new Hist().read(0, "k", null, 0, 1).write(0, "k", "a", 2, 3).read(1, "k", "a", 4, 5)))
                .isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void staleReadIsNotLinearizable() {
        Hist h = new Hist().write(0, "k", "a", 0, 10).write(0, "k", "b", 20, 30).read(1, "k", "a", 40, 50);
        LinearizabilityResult r = LinearizabilityChecker.registers().check(h.ops());
        assertThat(r.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        Violation v = r.violations().get(0).violation();
        assertThat(v.blocked().result()).isEqualTo("a");
        assertThat(v.stateAfter()).isEqualTo("\"b\"");
    }

    @Test
    void readConcurrentWithWriteMaySeeEitherValue() {
        Hist old = new Hist().write(0, "k", "a", 0, 10).write(0, "k", "b", 20, 30).read(1, "k", "a", 25, 50);
        Hist fresh = new Hist().write(0, "k", "a", 0, 10).write(0, "k", "b", 20, 30).read(1, "k", "b", 15, 21);
        assertThat(check(old)).isEqualTo(Verdict.LINEARIZABLE);
        assertThat(check(fresh)).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void equalTimestampsCountAsConcurrent() {
        assertThat(check(new Hist().write(0, "k", "a", 0, 10).read(1, "k", null, 10, 12))).isEqualTo(Verdict.LINEARIZABLE);
        assertThat(check(new Hist().write(0, "k", "a", 0, 10).read(1, "k", null, 11, 12)))
                .isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void lostAcknowledgedWriteIsNotLinearizable() {
        // Acknowledged, then every later read shows the previous value: a failover lost it.
        Hist h = new Hist().write(0, "k", "a", 0, 10).write(1, "k", "b", 20, 30)
                .read(2, "k", "a", 100, 110).read(0, "k", "a", 120, 130);
        assertThat(check(h)).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void unknownWriteMayTakeEffectMuchLater() {
        Hist h = new Hist().write(0, "k", "a", 0, 10).writeUnknown(1, "k", "b", 20, 30)
                .read(2, "k", "a", 100, 110).read(2, "k", "b", 200, 210).read(3, "k", "b", 300, 310);
        assertThat(check(h)).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void unknownWriteMayNeverTakeEffect() {
        Hist h = new Hist().write(0, "k", "a", 0, 10).writeUnknown(1, "k", "b", 20, 30).read(2, "k", "a", 100, 110);
        assertThat(check(h)).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void unknownWriteCannotTakeEffectBeforeItsInvocation() {
        Hist h = new Hist().read(2, "k", "b", 0, 10).writeUnknown(1, "k", "b", 20, 30);
        assertThat(check(h)).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void unknownWriteTakesEffectAtMostOnce() {
        Hist h = new Hist().writeUnknown(1, "k", "b", 0, 5).read(2, "k", "b", 10, 20).write(0, "k", "a", 30, 40)
                .read(2, "k", "b", 50, 60);
        assertThat(check(h)).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void failedWriteNeverHappened() {
        Hist h = new Hist().write(0, "k", "a", 0, 10).writeFailed(1, "k", "b", 20, 30).read(2, "k", "b", 100, 110);
        assertThat(check(h)).isEqualTo(Verdict.NOT_LINEARIZABLE);
        Hist fine = new Hist().write(0, "k", "a", 0, 10).writeFailed(1, "k", "b", 20, 30).read(2, "k", "a", 100, 110);
        assertThat(check(fine)).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void failedAndUnknownReadsConstrainNothing() {
        Op unknownRead = Op.invoke(9, 5, OpType.READ, "k", null, 0).info(1000, "timed out");
        Hist h = new Hist().write(0, "k", "a", 0, 10).readFailed(1, "k", 20, 30).op(unknownRead);
        KeyResult r = LinearizabilityChecker.registers().check(h.ops()).keys().get(0);
        assertThat(r.verdict()).isEqualTo(Verdict.LINEARIZABLE);
        assertThat(r.operations()).isEqualTo(1);
    }

    @Test
    void casAppliesOnlyOnMatchAndAMismatchIsAnObservation() {
        assertThat(check(new Hist().write(0, "k", "1", 0, 1).cas(1, "k", "1", "2", true, 2, 3).read(0, "k", "2", 4, 5)))
                .isEqualTo(Verdict.LINEARIZABLE);
        assertThat(check(new Hist().write(0, "k", "1", 0, 1).cas(1, "k", "0", "2", true, 2, 3)))
                .isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(check(new Hist().write(0, "k", "1", 0, 1).cas(1, "k", "1", "2", false, 2, 3)))
                .isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(check(new Hist().cas(1, "k", null, "x", true, 0, 1).read(0, "k", "x", 2, 3)))
                .isEqualTo(Verdict.LINEARIZABLE);
        // An unknown CAS may or may not have applied.
        assertThat(check(new Hist().write(0, "k", "1", 0, 1).casUnknown(1, "k", "1", "2", 2).read(0, "k", "2", 10, 11)
                .read(0, "k", "2", 12, 13))).isEqualTo(Verdict.LINEARIZABLE);
        assertThat(check(new Hist().write(0, "k", "1", 0, 1).casUnknown(1, "k", "9", "2", 2).read(0, "k", "2", 10, 11)))
                .isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void keysAreIndependent() {
        Hist h = new Hist().write(0, "a", "1", 0, 10).write(1, "b", "2", 0, 10).read(2, "a", "1", 20, 30)
                .read(2, "b", "1", 40, 50);
        LinearizabilityResult r = LinearizabilityChecker.registers().check(h.ops());
        assertThat(r.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(r.keys()).extracting(KeyResult::key, KeyResult::verdict)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", Verdict.LINEARIZABLE),
                        org.assertj.core.groups.Tuple.tuple("b", Verdict.NOT_LINEARIZABLE));
    }

    @Test
    void appendAndDeleteFollowRedisSemantics() {
        Op append = Op.invoke(0, 0, OpType.APPEND, "k", "ab", 0).ok(1, "2");
        Op wrongLength = Op.invoke(1, 0, OpType.APPEND, "k", "c", 2).ok(3, "7");
        Op del = Op.invoke(2, 0, OpType.DELETE, "k", null, 4).ok(5, null);
        assertThat(check(new Hist().op(append).read(1, "k", "ab", 2, 3))).isEqualTo(Verdict.LINEARIZABLE);
        assertThat(check(new Hist().op(append).op(wrongLength))).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(check(new Hist().op(append).op(del).read(1, "k", null, 6, 7))).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void longAppendChainsCompareByContent() {
        RegisterModel m = new RegisterModel().fresh();
        RegisterModel.State s = m.init();
        StringBuilder expect = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            String piece = "x" + i + "y";
            s = m.step(s, Op.invoke(i, 0, OpType.APPEND, "k", piece, i).ok(i, null));
            expect.append(piece);
        }
        assertThat(s.value()).isEqualTo(expect.toString());
        assertThat(s.holds(expect.toString())).isTrue();
        assertThat(s.holds(expect.toString().replace("x50y", "x05y"))).isFalse();
        assertThat(s.holds(expect + "z")).isFalse();
        assertThat(s.holds(null)).isFalse();
        // The same appends again give the same canonical state.
        RegisterModel.State t = m.init();
        for (int i = 0; i < 100; i++) {
            t = m.step(t, Op.invoke(i, 0, OpType.APPEND, "k", "x" + i + "y", i).ok(i, null));
        }
        assertThat(t).isSameAs(s);
    }

    @Test
    void budgetExhaustionIsUnknownNotAHang() {
        Hist h = new Hist();
        // Many overlapping writes then a read of a value none wrote: unsatisfiable, and costly to refute.
        for (int i = 0; i < 40; i++) {
            h.write(i, "k", "v" + i, i, 1000 + i);
        }
        h.read(99, "k", "nobody", 2000, 2001);
        KeyResult r = LinearizabilityChecker.registers(Budget.steps(1000)).check(h.ops()).keys().get(0);
        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.unknownReason()).contains("1000 steps");
        assertThat(r.violation()).isNull();
    }
}
