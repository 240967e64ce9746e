package io.kvstore.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kvstore cluster up/status/down} with real background processes. */
class ClusterCommandTest {
  @TempDir
  Path dir;

  @Test
  void upStartsAServingRaftClusterAndDownStopsIt() throws Exception {
    int base = freeBase();
    Path cluster = dir.resolve("c");
    try {
      Result up = run("cluster", "up", "--mode", "raft", "--nodes", "1", "--base-port", Integer.toString(base),
          "--dir", cluster.toString(), "--wait", "120", "--raft-election-timeout", "300");
      assertThat(up.code()).as(up.out() + up.err() + log(cluster)).isZero();
      assertThat(up.out()).contains("n1", "127.0.0.1:" + base, "leader");
      assertThat(RespProbe.call("127.0.0.1", base, 10_000, "SET", "k", "v")).isEqualTo("OK");
      assertThat(RespProbe.call("127.0.0.1", base, 10_000, "GET", "k")).isEqualTo("v");
      Result again = run("cluster", "up", "--dir", cluster.toString(), "--base-port", Integer.toString(base));
      assertThat(again.code()).isEqualTo(1);
      assertThat(again.err()).contains("already running");
      Result status = run("cluster", "status", "--dir", cluster.toString());
      assertThat(status.out()).contains("leader");
    } finally {
      run("cluster", "down", "--dir", cluster.toString());
    }
    assertThat(run("cluster", "status", "--dir", cluster.toString()).out()).contains("stopped");
  }

  private static String log(Path cluster) {
    try {
      return java.nio.file.Files.readString(cluster.resolve("n1").resolve("stdout.log"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  /** A base port whose RESP, gRPC and Raft ports (base, base+100, base+200) are free now. */
  private static int freeBase() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base;
      try (ServerSocket s = new ServerSocket(0)) {
        base = s.getLocalPort();
      }
      if (base + 200 > 65535) continue;
      if (free(base) && free(base + 100) && free(base + 200)) return base;
    }
    throw new IOException("no free port range");
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
