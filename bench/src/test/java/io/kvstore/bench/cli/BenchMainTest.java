package io.kvstore.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.bench.fault.FaultKind;
import io.kvstore.bench.run.BenchPlan;
import io.kvstore.bench.run.Mode;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

class BenchMainTest {
  private static BenchPlan plan(String... args) {
    BenchMain m = new BenchMain();
    new CommandLine(m).parseArgs(args);
    return m.plan();
  }

  @Test
  void quickProfileRunsAsyncAgainstRaft() {
    BenchPlan p = plan("--quick");
    assertThat(p.profile).isEqualTo("quick");
    assertThat(p.modes).containsExactly(Mode.ASYNC, Mode.RAFT, Mode.RAFT_LEASE);
    assertThat(p.faults).containsExactlyInAnyOrder(FaultKind.PARTITION, FaultKind.KILL, FaultKind.PAUSE);
  }

  @Test
  void theFullProfileHasAllSixRows() {
    assertThat(plan().modes).hasSize(6);
  }

  @Test
  void overridesApply() {
    BenchPlan p = plan("--modes", "raft-stale,async-wait", "--seed", "9", "--duration", "20", "--faults", "kill",
        "--ycsb", "c", "--throughput-seconds", "0");
    assertThat(p.modes).containsExactly(Mode.RAFT_STALE, Mode.ASYNC_WAIT);
    assertThat(p.seed).isEqualTo(9);
    assertThat(p.phaseMs).isEqualTo(20_000);
    assertThat(p.faults).containsExactly(FaultKind.KILL);
    assertThat(p.throughput).isFalse();
    assertThat(plan("--faults", "none").faults).isEmpty();
    assertThat(plan("--sentinels", "127.0.0.1:26379").modes).containsExactly(Mode.EXTERNAL);
  }

  @Test
  void badArgumentsExitWithTwo() {
    StringWriter err = new StringWriter();
    int code = BenchMain.run(new String[] {"--modes", "paxos"}, new PrintWriter(new StringWriter()),
        new PrintWriter(err));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("unknown mode 'paxos'");
  }
}
