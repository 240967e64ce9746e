package io.kvstore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.bench.cli.BenchMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kvstore bench --quick} end to end, as CI runs it: real async and raft clusters from the
 * shaded server jar, one partition, one kill and one pause each. Fails when a raft row loses an
 * acknowledged write or is not linearizable (the benchmark's exit status 1).
 */
class BenchQuickIT {
  @Test
  @Timeout(value = 20, unit = TimeUnit.MINUTES)
  void quickRunKeepsRaftsGuarantees(@TempDir Path out) throws Exception {
    String jar = System.getProperty("kvstore.jar", "../server/target/kvstore.jar");
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    int code = BenchMain.run(new String[] {"--quick", "--out", out.toString(), "--jar", jar},
        new PrintWriter(stdout, true), new PrintWriter(stderr, true));
    System.out.println(stdout);
    assertThat(code).as("exit status; output:%n%s%s", stdout, stderr).isZero();
    assertThat(stdout.toString()).contains("| async (Sentinel failover)").contains("| raft (linearizable reads)")
        .contains("| raft (lease reads)");
    String json = Files.readString(out.resolve("results.json"));
    assertThat(json).contains("\"ok\": true");
    assertThat(out.resolve("report.html")).isRegularFile();
    assertThat(out.resolve("raft").resolve("history.jsonl")).isRegularFile();
  }
}
