package io.kvstore.bench.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end against three fake RESP nodes sharing one map, and Preload. */
class RaftCompareTest {
  @TempDir
  Path dir;

  @Test
  void runPreloadsLoadsEveryNodeAndTheTableReadsItsResults() throws Exception {
    Map<String, byte[]> data = new ConcurrentHashMap<>();
    try (FakeResp n1 = new FakeResp(data); FakeResp n2 = new FakeResp(data); FakeResp n3 = new FakeResp(data)) {
      Path results = dir.resolve("results.tsv");
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = RaftCompare.run(new String[] {"run", "--system", "kvstore", "--endpoints",
          "127.0.0.1:" + n1.port() + ",127.0.0.1:" + n2.port() + ",127.0.0.1:" + n3.port(),
          "--clients", "1,3", "--read-clients", "3", "--seconds", "0.2", "--warmup", "0", "--keys", "100",
          "--value-size", "100", "--preload-clients", "4", "--out", results.toString()},
          new PrintWriter(out), new PrintWriter(err));
      assertThat(code).as(err.toString()).isZero();
      assertThat(data).hasSize(100);
      assertThat(n1.commands.get()).isPositive();
      assertThat(n2.commands.get()).isPositive();
      assertThat(n3.commands.get()).isPositive();
      List<String> lines = Files.readAllLines(results);
      assertThat(lines).hasSize(3);
      assertThat(lines).allMatch(l -> l.startsWith("kvstore\t"));
      assertThat(StepResult.parse(lines.get(2)).op()).isEqualTo("read");
      assertThat(StepResult.parse(lines.get(2)).errors()).isZero();
      assertThat(err.toString()).contains("kvstore: preloaded 100 keys x 100 B");

      Files.writeString(results, "etcd\twrite\t3\t1.000\t100\t0\t900\t2000\n", java.nio.file.StandardOpenOption.APPEND);
      StringWriter table = new StringWriter();
      assertThat(RaftCompare.run(new String[] {"table", results.toString()}, new PrintWriter(table),
          new PrintWriter(new StringWriter()))).isZero();
      assertThat(table.toString()).contains("| 3 | 100 | 0.90 | 2.00 |").contains("| 1 | - | - | - |")
          .contains("Linearizable reads");
    }
  }

  @Test
  void anUnknownSystemIsAUsageError() {
    StringWriter err = new StringWriter();
    int code = RaftCompare.run(new String[] {"run", "--system", "zookeeper", "--endpoints", "127.0.0.1:1"},
        new PrintWriter(new StringWriter()), new PrintWriter(err));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--system must be etcd or kvstore");
  }

  @Test
  void preloadWritesEveryKeyOnceAndChecksAReadOnEachNode() throws Exception {
    MemoryTarget t = new MemoryTarget();
    KeySpace keys = new KeySpace(37, 5);
    Preload.run(t, keys, 4, 3);
    assertThat(t.data).hasSize(37);
    assertThat(t.puts.get()).isEqualTo(37);
    assertThat(t.gets.get()).isEqualTo(3);
    assertThat(t.opened).containsExactlyInAnyOrder(0, 1, 2, 3, 0, 1, 2);
  }

  @Test
  void preloadFailsWhenTheTargetDoesNotKeepWrites() {
    MemoryTarget t = new MemoryTarget();
    t.dropWrites = true;
    assertThatThrownBy(() -> Preload.run(t, new KeySpace(5, 5), 2, 3))
        .hasMessageContaining("through node 1 did not return the value written (missing)");
  }
}
