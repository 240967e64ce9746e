package io.kvstore.bench.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FaultScheduleTest {
  private static final FaultSchedule.Settings S = new FaultSchedule.Settings(90_000, 5_000, 10_000, 6_000, 10_000,
      6_000, 10_000);
  private static final List<FaultKind> ALL = List.of(FaultKind.PARTITION, FaultKind.KILL, FaultKind.PAUSE);

  @Test
  void theSameSeedGivesTheSameScheduleAndAnotherSeedAnother() {
    assertThat(FaultSchedule.generate(7, ALL, S)).isEqualTo(FaultSchedule.generate(7, ALL, S));
    assertThat(FaultSchedule.generate(7, ALL, S)).isNotEqualTo(FaultSchedule.generate(8, ALL, S));
  }

  @Test
  void faultsStayInsideThePhaseWithTheirGaps() {
    for (long seed = 0; seed < 50; seed++) {
      List<Fault> faults = FaultSchedule.generate(seed, ALL, S);
      assertThat(faults).isNotEmpty();
      assertThat(faults.get(0).atMs()).isEqualTo(5_000);
      long prevEnd = 0;
      for (Fault f : faults) {
        assertThat(f.durationMs()).isBetween(6_000L, 10_000L);
        assertThat(f.atMs() - prevEnd).isGreaterThanOrEqualTo(prevEnd == 0 ? 0 : 6_000);
        assertThat(f.endMs()).isLessThanOrEqualTo(80_000);
        prevEnd = f.endMs();
      }
    }
  }

  @Test
  void everyKindComesOnceBeforeAnyRepeats() {
    for (long seed = 0; seed < 50; seed++) {
      List<Fault> faults = FaultSchedule.generate(seed, ALL, S);
      assertThat(faults.size()).isGreaterThanOrEqualTo(3);
      assertThat(faults.subList(0, 3)).extracting(Fault::kind).containsExactlyInAnyOrderElementsOf(ALL);
    }
  }

  @Test
  void noKindsMeansNoFaults() {
    assertThat(FaultSchedule.generate(1, List.of(), S)).isEmpty();
  }
}
