package io.kvstore.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.bench.check.Verdict;
import io.kvstore.bench.fault.Fault;
import io.kvstore.bench.fault.FaultKind;
import io.kvstore.bench.fault.FaultWindow;
import io.kvstore.bench.history.Op;
import io.kvstore.bench.history.OpType;
import io.kvstore.bench.report.HtmlReport;
import io.kvstore.bench.report.Json;
import io.kvstore.bench.workload.LatencyLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultTableTest {
  private static ModeResult result(Mode mode, long lost, Verdict verdict) {
    LatencyLog log = new LatencyLog(0);
    for (int i = 0; i < 100; i++) {
      log.record(i * 10_000_000L, Op.invoke(i, 0, OpType.WRITE, "r0:0", "v", i * 10_000_000L)
          .ok(i * 10_000_000L + 1_000_000L, null), true);
    }
    Analysis.Result a = new Analysis.Result(100, 2, 3, lost, 0, verdict, List.of("key r0:0: bad"), List.of(),
        List.of(), List.of(1.5), "set: fine", List.of("counter c:0: fine"), 4, 0);
    return new ModeResult(mode, "test cluster", null, a,
        List.of(new FaultWindow(FaultKind.PARTITION, "n1", 100_000_000L, 400_000_000L, null)), log, log, log,
        "ycsb-a", List.of(), Path.of("x", "history.jsonl"), 12);
  }

  @Test
  void theMarkdownTableHasOneAlignedRowPerMode() {
    List<ModeResult> rs = List.of(result(Mode.ASYNC, 7, Verdict.NOT_LINEARIZABLE),
        result(Mode.RAFT, 0, Verdict.LINEARIZABLE), ModeResult.failed(Mode.RAFT_LEASE, "c", "boom", List.of(), 1));
    String md = ResultTable.markdown(ResultTable.rows(rs, Mode::label));
    String[] lines = md.split("\n");
    assertThat(lines).hasSize(5);
    assertThat(lines[0]).startsWith("| mode").contains("acked writes lost").contains("p99.9 ms");
    assertThat(lines[1]).matches("\\|[:|-]+");
    assertThat(lines[2]).contains("async (Sentinel failover)").containsPattern("\\|\\s+7 \\|").contains("NO");
    assertThat(lines[3]).contains("raft (linearizable reads)").contains("yes");
    assertThat(lines[4]).contains("error: boom");
    assertThat(lines[0].length()).isEqualTo(lines[2].length()).isEqualTo(lines[3].length());
  }

  @Test
  void raftRowsThatLoseWritesOrViolateLinearizabilityBreakTheirPromise() {
    assertThat(result(Mode.ASYNC, 7, Verdict.NOT_LINEARIZABLE).brokenPromises()).isEmpty();
    assertThat(result(Mode.RAFT, 1, Verdict.LINEARIZABLE).brokenPromises()).containsExactly(
        "1 acknowledged writes lost");
    assertThat(result(Mode.RAFT_LEASE, 0, Verdict.NOT_LINEARIZABLE).brokenPromises()).containsExactly(
        "not linearizable");
    assertThat(result(Mode.RAFT_STALE, 0, Verdict.NOT_LINEARIZABLE).brokenPromises()).isEmpty();
    assertThat(result(Mode.RAFT, 0, Verdict.UNKNOWN).brokenPromises()).isEmpty();
    assertThat(ModeResult.failed(Mode.RAFT, "c", "no leader", List.of(), 1).brokenPromises()).hasSize(1);
  }

  @Test
  void theReportIsSelfContainedAndShowsFaultsAndViolations() {
    BenchPlan plan = BenchPlan.quick();
    List<ModeResult> rs = List.of(result(Mode.ASYNC, 7, Verdict.NOT_LINEARIZABLE));
    Map<String, Object> model = ResultTable.model(plan, "kvstore bench --quick",
        List.of(new Fault(FaultKind.PARTITION, 3000, 5000)), rs, Mode::label, true);
    String json = Json.write(model);
    assertThat(json).contains("\"lostWrites\": 7").contains("\"kind\": \"partition\"");
    String html = HtmlReport.render(model, rs, Mode::label);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").contains("class=\"fault partition\"")
        .contains("key r0:0: bad").contains("kvstore bench --quick");
    assertThat(html).doesNotContain("src=\"http").doesNotContain("href=\"http").doesNotContain("<link");
  }
}
