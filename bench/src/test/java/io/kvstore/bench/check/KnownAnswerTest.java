package io.kvstore.bench.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.bench.history.Op;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checker against histories whose answers are known (Porcupine's test data, see
 * {@code linearizability/README.md}): every file must get its recorded verdict.
 */
class KnownAnswerTest {
    /** The etcd logs recorded as linearizable; every other one from 000 to 102 is not (095: unrecorded). */
    private static final Set<Integer> ETCD_LINEARIZABLE = Set.of(2, 5, 7, 18, 25, 31, 38, 45, 48, 49, 51, 53, 56,
            67, 75, 76, 80, 87, 92, 98, 100, 101, 102);
    private static final int ETCD_UNRECORDED = 95;
    private static final Budget BUDGET = Budget.steps(20_000_000);

    static Stream<Arguments> etcdLogs() {
        return IntStream.rangeClosed(0, 102).filter(i -> i != ETCD_UNRECORDED)
                .mapToObj(i -> Arguments.of(String.format("jepsen-etcd/etcd_%03d.log", i), ETCD_LINEARIZABLE.contains(i)));
    }

    static Stream<Arguments> kvFiles() {
        return Stream.of("c01", "c10", "c50").flatMap(c -> Stream.of(
                Arguments.of("kv/" + c + "-ok.txt", true), Arguments.of("kv/" + c + "-bad.txt", false)));
    }

    @ParameterizedTest(name = "{0} linearizable={1}")
    @MethodSource("etcdLogs")
    void etcdLogGetsItsRecordedVerdict(String file, boolean linearizable) {
        List<Op> ops = KnownAnswerHistories.parseJepsen(KnownAnswerHistories.lines(file));
        assertThat(ops).hasSizeGreaterThan(50);
        LinearizabilityResult r = LinearizabilityChecker.registers(BUDGET).check(ops);
        assertThat(r.verdict()).isEqualTo(linearizable ? Verdict.LINEARIZABLE : Verdict.NOT_LINEARIZABLE);
        if (!linearizable) {
            Violation v = r.violations().get(0).violation();
            assertThat(v.key()).isEqualTo("r");
            assertThat(v.window(5)).contains(v.blocked());
        }
    }

    @ParameterizedTest(name = "{0} linearizable={1}")
    @MethodSource("kvFiles")
    void kvFileGetsItsRecordedVerdict(String file, boolean linearizable) {
        List<Op> ops = KnownAnswerHistories.parseKv(KnownAnswerHistories.lines(file));
        LinearizabilityResult r = LinearizabilityChecker.registers(BUDGET).stopAtFirstViolation().check(ops);
        assertThat(r.verdict()).isEqualTo(linearizable ? Verdict.LINEARIZABLE : Verdict.NOT_LINEARIZABLE);
        assertThat(r.keys()).hasSizeGreaterThan(5);
    }

    @Test
    void everyKeyOfTheFiftyClientHistoryIsLinearizable() {
        List<Op> ops = KnownAnswerHistories.parseKv(KnownAnswerHistories.lines("kv/c50-ok.txt"));
        LinearizabilityResult r = LinearizabilityChecker.registers(BUDGET).check(ops);
        assertThat(r.keys()).hasSize(10).allMatch(k -> k.verdict() == Verdict.LINEARIZABLE);
    }

    @Test
    void aSmallBudgetGivesUnknownForHardKeysButStillFindsTheCheapViolations() {
        List<Op> ops = KnownAnswerHistories.parseKv(KnownAnswerHistories.lines("kv/c50-bad.txt"));
        LinearizabilityResult r = LinearizabilityChecker.registers(Budget.steps(100_000)).check(ops);
        assertThat(r.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(r.violations()).extracting(KeyResult::key).contains("1", "2", "3", "4", "6");
        assertThat(r.undecided()).isNotEmpty().allSatisfy(k -> {
            assertThat(k.steps()).isEqualTo(100_000);
            assertThat(k.unknownReason()).contains("100000 steps exhausted");
        });
    }

    @Test
    void stoppingEarlyMarksUnsearchedKeysUnknown() {
        List<Op> ops = KnownAnswerHistories.parseKv(KnownAnswerHistories.lines("kv/c50-bad.txt"));
        LinearizabilityResult r = LinearizabilityChecker.registers(BUDGET).stopAtFirstViolation().check(ops);
        assertThat(r.violations()).isNotEmpty();
        assertThat(r.undecided()).allSatisfy(k -> assertThat(k.unknownReason()).contains("another key"));
    }

    @Test
    void violationReportShowsTheFailingPoint() {
        List<Op> ops = KnownAnswerHistories.parseKv(KnownAnswerHistories.lines("kv/c01-bad.txt"));
        KeyResult k = LinearizabilityChecker.registers().check(ops).violations().get(0);
        Violation v = k.violation();
        assertThat(v.key()).isEqualTo(k.key());
        assertThat(v.linearized()).isNotEmpty().doesNotContain(v.blocked());
        assertThat(v.render(5)).contains("cannot take effect", v.blocked().describe(), "last linearized");
        // The prefix really is a legal sequential execution ending in the reported state.
        RegisterModel model = new RegisterModel().fresh();
        RegisterModel.State s = model.init();
        for (Op op : v.linearized()) {
            s = model.step(s, op);
            assertThat(s).isNotNull();
        }
        assertThat(s.toString()).isEqualTo(v.stateAfter());
        assertThat(model.step(s, v.blocked())).isNull();
    }
}
