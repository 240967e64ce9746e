package io.kvstore.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kvstore cluster status [--dir D]}: each node's addresses, process and role. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show the nodes of a local cluster.")
public final class ClusterStatus implements Callable<Integer> {
  @Option(names = "--dir", defaultValue = "./cluster", description = "Cluster directory (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    ClusterLayout layout = ClusterLayout.load(dir.toAbsolutePath().normalize());
    if (layout == null) {
      spec.commandLine().getErr().println("no cluster in " + dir);
      return 1;
    }
    print(layout, spec.commandLine().getOut());
    return 0;
  }

  static void print(ClusterLayout layout, PrintWriter out) {
    out.printf("%-4s %-16s %-16s %-16s %-8s %s%n", "node", "resp", "grpc",
        layout.mode().equals("raft") ? "raft" : "", "pid", "role");
    for (ClusterLayout.NodeInfo n : layout.nodeList()) {
      long pid = pid(n.pidFile());
      boolean alive = pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
      out.printf("%-4s %-16s %-16s %-16s %-8s %s%n", n.id(), "127.0.0.1:" + n.respPort(),
          "127.0.0.1:" + n.grpcPort(), layout.mode().equals("raft") ? "127.0.0.1:" + n.raftPort() : "",
          alive ? Long.toString(pid) : "-", alive ? role(layout, n) : "stopped");
    }
    out.flush();
  }

  private static String role(ClusterLayout layout, ClusterLayout.NodeInfo n) {
    try {
      String info = RespProbe.call("127.0.0.1", n.respPort(), 1000, "INFO", "replication");
      String role = RespProbe.field(info, "role");
      String raft = RespProbe.field(info, "raft_role");
      return raft != null ? raft + " (" + role + ", term " + RespProbe.field(info, "raft_term") + ")" : role;
    } catch (IOException e) {
      return "not answering";
    }
  }

  static long pid(Path pidFile) {
    try {
      return Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }

  static boolean anyRunning(ClusterLayout layout) {
    for (ClusterLayout.NodeInfo n : layout.nodeList()) {
      long pid = pid(n.pidFile());
      if (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) return true;
    }
    return false;
  }

  /** Waits until every node answers PING and (raft) every node knows the same leader. */
  static boolean awaitReady(ClusterLayout layout, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    while (System.nanoTime() < deadline) {
      if (ready(layout)) return true;
      Thread.sleep(200);
    }
    return false;
  }

  private static boolean ready(ClusterLayout layout) {
    String leader = null;
    for (ClusterLayout.NodeInfo n : layout.nodeList()) {
      try {
        if (!"PONG".equals(RespProbe.call("127.0.0.1", n.respPort(), 1000, "PING"))) return false;
        if (layout.mode().equals("raft")) {
          String l = RespProbe.field(RespProbe.call("127.0.0.1", n.respPort(), 1000, "INFO", "raft"), "raft_leader_id");
          if (l == null || l.isEmpty() || (leader != null && !leader.equals(l))) return false;
          leader = l;
        } else if (!n.id().equals("n1")) {
          String link = RespProbe.field(RespProbe.call("127.0.0.1", n.respPort(), 1000, "INFO", "replication"),
              "master_link_status");
          if (!"up".equals(link)) return false;
        }
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }
}
