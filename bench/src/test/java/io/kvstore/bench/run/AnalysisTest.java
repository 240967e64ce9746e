package io.kvstore.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.bench.check.Budget;
import io.kvstore.bench.check.Verdict;
import io.kvstore.bench.fault.FaultKind;
import io.kvstore.bench.fault.FaultWindow;
import io.kvstore.bench.history.Op;
import io.kvstore.bench.history.OpType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalysisTest {
  private static final Budget BUDGET = Budget.steps(1_000_000);
  private final List<Op> ops = new ArrayList<>();
  private long index;

  private void add(int process, OpType type, String key, String value, long from, long to, String result) {
    ops.add(Op.invoke(index++, process, type, key, value, from).ok(to, result));
  }

  private void setRead(long from, long to, String... elements) {
    ops.add(Op.invoke(index++, 9, OpType.READ, "set", null, from).okValues(to, List.of(elements)));
  }

  @Test
  void countsAcknowledgedWritesAndLostSetElementsAndIncrements() {
    add(0, OpType.ADD, "set", "1", 0, 10, null);
    add(0, OpType.ADD, "set", "2", 20, 30, null);
    ops.add(Op.invoke(index++, 1, OpType.ADD, "set", "3", 20).info(40, "timeout"));
    add(1, OpType.INCR, "c:0", "1", 0, 10, "1");
    add(1, OpType.INCR, "c:0", "1", 20, 30, "2");
    add(1, OpType.INCR, "c:0", "1", 40, 50, "3");
    setRead(100, 110, "1");
    add(2, OpType.READ, "c:0", null, 100, 110, "1");
    Analysis.Result r = Analysis.analyze(ops, List.of(), BUDGET);
    assertThat(r.ackedWrites()).isEqualTo(5);
    assertThat(r.unknownWrites()).isEqualTo(1);
    assertThat(r.lostWrites()).isEqualTo(1 + 2);
    assertThat(r.lossExamples()).anyMatch(s -> s.contains("set element 2"));
    assertThat(r.linearizable()).isEqualTo(Verdict.LINEARIZABLE);
  }

  @Test
  void aCounterReadBehindTheFinalOneIsNotALoss() {
    add(1, OpType.INCR, "c:0", "1", 0, 10, "1");
    add(1, OpType.INCR, "c:0", "1", 20, 30, "2");
    add(2, OpType.READ, "c:0", null, 40, 50, "1");
    add(2, OpType.READ, "c:0", null, 100, 110, "2");
    Analysis.Result r = Analysis.analyze(ops, List.of(), BUDGET);
    assertThat(r.lostWrites()).isZero();
  }

  @Test
  void aStaleRegisterReadIsCountedAndNotLinearizable() {
    add(0, OpType.WRITE, "r0:0", "v1", 0, 10, null);
    add(0, OpType.WRITE, "r0:0", "v2", 20, 30, null);
    add(1, OpType.READ, "r0:0", null, 40, 50, "v1");
    Analysis.Result r = Analysis.analyze(ops, List.of(), BUDGET);
    assertThat(r.staleReads()).isEqualTo(1);
    assertThat(r.linearizable()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    assertThat(r.violations()).hasSize(1);
    assertThat(r.violations().get(0)).contains("r0:0");
    assertThat(r.registerKeys()).isEqualTo(1);
  }

  @Test
  void outageRunsFromTheFaultToTheFirstSuccessfulWriteInvokedAfterIt() {
    add(0, OpType.WRITE, "r0:0", "v1", 0, 2_000, null);
    ops.add(Op.invoke(index++, 1, OpType.WRITE, "r0:0", "v2", 1_100).fail(1_200, "refused"));
    add(1, OpType.READ, "r0:0", null, 1_300, 1_400, "v1");
    add(2, OpType.WRITE, "r0:0", "v3", 1_500, 3_000_001_000L, null);
    add(2, OpType.WRITE, "r0:0", "v4", 1_600, 2_500_001_000L, null);
    List<FaultWindow> w = List.of(new FaultWindow(FaultKind.KILL, "n1", 1_000, 5_000, null),
        new FaultWindow(FaultKind.PAUSE, null, 10, 10, "skipped"));
    Analysis.Result r = Analysis.analyze(ops, w, BUDGET);
    assertThat(r.outagesS()).hasSize(1);
    assertThat(r.outagesS().get(0)).isCloseTo(2.5, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(r.maxOutageS()).isCloseTo(2.5, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void anOutageWithNoLaterSuccessfulWriteLastsAtLeastUntilTheEnd() {
    add(0, OpType.WRITE, "r0:0", "v1", 0, 1_000_000_000L, null);
    ops.add(Op.invoke(index++, 1, OpType.WRITE, "r0:0", "v2", 2_000_000_000L).info(4_000_000_000L, "timeout"));
    List<FaultWindow> w = List.of(new FaultWindow(FaultKind.PAUSE, "n1", 1_500_000_000L, 3_000_000_000L, null));
    Analysis.Result r = Analysis.analyze(ops, w, BUDGET);
    assertThat(r.outageCensored()).isTrue();
    assertThat(r.maxOutageS()).isCloseTo(2.5, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(ResultTable.outage(r)).isEqualTo(">2.5");
  }

  @Test
  void aCasThatDidNotApplyIsNotAnAcknowledgedWrite() {
    ops.add(Op.invokeCas(index++, 0, "r0:0", null, "v1", 0).ok(10, Op.CAS_APPLIED));
    ops.add(Op.invokeCas(index++, 0, "r0:0", null, "v2", 20).ok(30, Op.CAS_MISMATCH));
    assertThat(Analysis.analyze(ops, List.of(), BUDGET).ackedWrites()).isEqualTo(1);
  }
}
