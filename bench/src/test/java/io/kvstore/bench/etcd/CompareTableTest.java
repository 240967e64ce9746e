package io.kvstore.bench.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompareTableTest {
  @Test
  void oneRowPerClientCountWithTheSubjectOverBaselineRatio() {
    List<StepResult> rs = List.of(
        new StepResult("etcd", "write", 1, 10, 5000, 0, 1900, 4100),
        new StepResult("etcd", "write", 16, 10, 30000, 0, 5000, 12000),
        new StepResult("etcd", "read", 16, 10, 80000, 0, 1500, 6000),
        new StepResult("kvstore", "write", 1, 10, 2500, 0, 3800, 150000),
        new StepResult("kvstore", "write", 16, 10, 45000, 2, 3500, 25500),
        new StepResult("kvstore", "read", 16, 10, 40000, 0, 3000, 9000));
    String md = CompareTable.markdown(rs, "etcd", "kvstore");
    String[] lines = md.split("\n");
    assertThat(lines[0]).isEqualTo("Writes");
    assertThat(lines[2]).isEqualTo("| clients | etcd writes/s | etcd p50 ms | etcd p99 ms | kvstore writes/s"
        + " | kvstore p50 ms | kvstore p99 ms | kvstore/etcd |");
    assertThat(lines[4]).isEqualTo("| 1 | 500 | 1.90 | 4.10 | 250 | 3.80 | 150 | 0.50 |");
    assertThat(lines[5]).isEqualTo("| 16 | 3000 | 5.00 | 12.0 | 4500 | 3.50 | 25.5 | 1.50 |");
    assertThat(md).contains("Linearizable reads\n\n| clients | etcd reads/s |");
    assertThat(md).contains("| 16 | 8000 | 1.50 | 6.00 | 4000 | 3.00 | 9.00 | 0.50 |");
    assertThat(md).contains("Failed operations (not counted above): kvstore write x16: 2");
  }

  @Test
  void aStepOnlyOneSystemRanShowsDashes() {
    String md = CompareTable.markdown(List.of(new StepResult("kvstore", "write", 256, 10, 1000, 0, 100, 200)),
        "etcd", "kvstore");
    assertThat(md).contains("| 256 | - | - | - | 100 | 0.10 | 0.20 | - |");
    assertThat(md).doesNotContain("reads").doesNotContain("Failed");
  }

  @Test
  void aRerunStepReplacesTheEarlierOne() {
    String md = CompareTable.markdown(List.of(
        new StepResult("etcd", "write", 1, 10, 1000, 0, 100, 200),
        new StepResult("etcd", "write", 1, 10, 2000, 0, 100, 200),
        new StepResult("kvstore", "write", 1, 10, 1000, 0, 100, 200)), "etcd", "kvstore");
    assertThat(md).contains("| 1 | 200 | 0.10 | 0.20 | 100 | 0.10 | 0.20 | 0.50 |");
  }
}
