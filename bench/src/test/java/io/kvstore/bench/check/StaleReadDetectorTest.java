package io.kvstore.bench.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StaleReadDetectorTest {
    @Test
    void readOfAnOverwrittenValueIsStale() {
        Hist h = new Hist().write(0, "k", "a", 0, 10).write(0, "k", "b", 20, 30).read(1, "k", "a", 40, 50);
        StaleReadDetector.Result r = StaleReadDetector.check("k", h.ops());
        assertThat(r.ok()).isFalse();
        assertThat(r.stale()).singleElement().satisfies(s -> {
            assertThat(s.source().value()).isEqualTo("a");
            assertThat(s.newer().value()).isEqualTo("b");
            assertThat(s.lagNs()).isEqualTo(10);
            assertThat(s.describe()).contains("overwritten by");
        });
        assertThat(r.maxLagNs()).isEqualTo(10);
    }

    @Test
    void readOfInitialStateAfterAnAcknowledgedWriteIsStale() {
        Hist h = new Hist().write(0, "k", "a", 0, 10).read(1, "k", null, 40, 50);
        assertThat(StaleReadDetector.check("k", h.ops()).stale()).singleElement()
                .satisfies(s -> assertThat(s.source()).isNull());
    }

    @Test
    void concurrencyAndUnknownWritesExcuseOldValues() {
        Hist overlapping = new Hist().write(0, "k", "a", 0, 25).write(0, "k", "b", 20, 30).read(1, "k", "a", 40, 50);
        assertThat(StaleReadDetector.check("k", overlapping.ops()).ok()).isTrue();
        Hist unknownSource = new Hist().writeUnknown(0, "k", "a", 0, 10).write(0, "k", "b", 20, 30)
                .read(1, "k", "a", 40, 50);
        assertThat(StaleReadDetector.check("k", unknownSource.ops()).ok()).isTrue();
        Hist notYetAcked = new Hist().write(0, "k", "a", 0, 10).write(0, "k", "b", 20, 45).read(1, "k", "a", 40, 50);
        assertThat(StaleReadDetector.check("k", notYetAcked.ops()).ok()).isTrue();
    }

    @Test
    void valuesNobodyWroteAreUnexplainedAndRepeatedValuesAmbiguous() {
        Hist h = new Hist().write(0, "k", "a", 0, 10).writeFailed(0, "k", "f", 11, 12).write(0, "k", "a", 20, 30)
                .read(1, "k", "zz", 40, 50).read(1, "k", "f", 40, 50).read(1, "k", "a", 60, 70);
        StaleReadDetector.Result r = StaleReadDetector.check("k", h.ops());
        assertThat(r.unexplained()).extracting(o -> o.result()).containsExactly("zz", "f");
        assertThat(r.ambiguous()).isEqualTo(1);
        assertThat(r.reads()).isEqualTo(3);
    }

    @Test
    void appliedCasCountsAsAWrite() {
        Hist h = new Hist().write(0, "k", "a", 0, 10).cas(0, "k", "a", "b", true, 20, 30).read(1, "k", "a", 40, 50);
        assertThat(StaleReadDetector.check("k", h.ops()).stale()).hasSize(1);
        Hist mismatch = new Hist().write(0, "k", "a", 0, 10).cas(0, "k", "x", "b", false, 20, 30)
                .read(1, "k", "a", 40, 50);
        assertThat(StaleReadDetector.check("k", mismatch.ops()).ok()).isTrue();
    }
}
