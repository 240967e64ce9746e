package io.kvstore.bench.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SetCheckerTest {
    @Test
    void everyAcknowledgedAddPresentIsFine() {
        Hist h = new Hist().add(0, "s", "1", 0, 10).add(1, "s", "2", 5, 15).addUnknown(2, "s", "3", 20)
                .addUnknown(3, "s", "4", 21).readSet(0, "s", List.of("1", "2", "3"), 100, 110);
        SetChecker.Result r = SetChecker.check("s", h.ops());
        assertThat(r.ok()).isTrue();
        assertThat(r.acknowledged()).isEqualTo(2);
        assertThat(r.unknown()).isEqualTo(2);
        assertThat(r.recovered()).containsExactly("3");
        assertThat(r.summary()).contains("0 lost", "1 of 2 unknown adds present");
    }

    @Test
    void missingAcknowledgedAddIsLost() {
        Hist h = new Hist().add(0, "s", "1", 0, 10).add(1, "s", "2", 5, 15).readSet(0, "s", List.of("1"), 100, 110);
        SetChecker.Result r = SetChecker.check("s", h.ops());
        assertThat(r.ok()).isFalse();
        assertThat(r.lost()).containsExactly("2");
    }

    @Test
    void addStillRunningWhenTheFinalReadBeganMayBeMissing() {
        Hist h = new Hist().add(0, "s", "1", 0, 10).add(1, "s", "2", 95, 120).readSet(0, "s", List.of("1"), 100, 110);
        assertThat(SetChecker.check("s", h.ops()).ok()).isTrue();
    }

    @Test
    void valuesNobodyAddedAndFailedAddsThatAppearAreViolations() {
        Hist h = new Hist().add(0, "s", "1", 0, 10).addFailed(1, "s", "2", 5, 15)
                .readSet(0, "s", List.of("1", "2", "zz"), 100, 110);
        SetChecker.Result r = SetChecker.check("s", h.ops());
        assertThat(r.ok()).isFalse();
        assertThat(r.unexpected()).containsExactly("zz");
        assertThat(r.resurrected()).containsExactly("2");
        assertThat(r.failed()).isEqualTo(1);
    }

    @Test
    void usesTheLastReadAndNeedsOne() {
        Hist h = new Hist().add(0, "s", "1", 0, 10).readSet(1, "s", List.of(), 20, 30)
                .readSet(1, "s", List.of("1"), 40, 50);
        assertThat(SetChecker.check("s", h.ops()).ok()).isTrue();
        SetChecker.Result none = SetChecker.check("s", new Hist().add(0, "s", "1", 0, 10).ops());
        assertThat(none.hasFinalRead()).isFalse();
        assertThat(none.ok()).isFalse();
    }
}
