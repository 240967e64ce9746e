package io.kvstore.server.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kvstore cluster up --mode raft|async --nodes N [--base-port P] [--dir D] [-- server options]}:
 * starts N kvstore processes in the background (ports and directories per {@link ClusterLayout};
 * logs in each node's directory), then waits until every node answers PING and, in the raft
 * mode, a leader is elected; in the async mode node 1 is the master and the others replicate it.
 * Prints where everything is. Extra arguments go to every node's {@code kvstore server}.
 */
@Command(name = "up", mixinStandardHelpOptions = true, description = "Start a local cluster in the background.")
public final class ClusterUp implements Callable<Integer> {
  @Option(names = "--mode", defaultValue = "raft", description = "raft or async (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(names = "--nodes", defaultValue = "3", description = "Number of nodes (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--base-port", defaultValue = "7000",
      description = "RESP port of node 1; gRPC at +100, Raft at +200 (default: ${DEFAULT-VALUE}).")
  int basePort;

  @Option(names = "--dir", defaultValue = "./cluster", description = "Cluster directory (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--wait", defaultValue = "60", description = "Seconds to wait for readiness (default: ${DEFAULT-VALUE}).")
  int waitSeconds;

  @Parameters(arity = "0..*", paramLabel = "SERVER-ARGS", description = "Extra --name value options for every node.")
  List<String> extra = new ArrayList<>();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!mode.equals("raft") && !mode.equals("async")) {
      err.println("--mode must be raft or async");
      return 2;
    }
    if (nodes < 1 || nodes > 99 || basePort < 1 || basePort + 299 > 65535) {
      err.println("--nodes must be 1..99 and the ports must fit below 65536");
      return 2;
    }
    dir = dir.toAbsolutePath().normalize();
    ClusterLayout existing = ClusterLayout.load(dir);
    if (existing != null && ClusterStatus.anyRunning(existing)) {
      err.println("a cluster is already running in " + dir + " (kvstore cluster down --dir " + dir + ")");
      return 1;
    }
    ClusterLayout layout = new ClusterLayout(dir, mode, nodes, basePort);
    layout.save();
    List<ClusterLayout.NodeInfo> list = layout.nodeList();
    for (ClusterLayout.NodeInfo n : list) start(layout, n);
    out.println("started " + nodes + " " + mode + " node(s) in " + dir + "; waiting for them...");
    out.flush();
    if (!ClusterStatus.awaitReady(layout, waitSeconds * 1000L)) {
      err.println("the cluster did not become ready within " + waitSeconds + " s; see the logs:");
      for (ClusterLayout.NodeInfo n : list) err.println("  " + n.logFile());
      return 1;
    }
    ClusterStatus.print(layout, out);
    out.println("stop it with: kvstore cluster down --dir " + dir);
    out.flush();
    return 0;
  }

  private void start(ClusterLayout layout, ClusterLayout.NodeInfo n) throws IOException {
    Files.createDirectories(n.dir());
    List<String> cmd = new ArrayList<>();
    if (new File("/usr/bin/setsid").canExecute()) cmd.add("/usr/bin/setsid"); // survive the terminal
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    String opts = System.getenv("KVSTORE_JAVA_OPTS");
    for (String o : (opts == null || opts.isBlank() ? "-XX:+UseParallelGC -Xss512k" : opts).trim().split("\\s+")) {
      cmd.add(o);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.add("server");
    add(cmd, "--port", n.respPort());
    add(cmd, "--grpc-port", n.grpcPort());
    add(cmd, "--dir", n.dir());
    add(cmd, "--logfile", n.logFile());
    add(cmd, "--pidfile", n.pidFile());
    add(cmd, "--save", "");
    if (mode.equals("raft")) {
      add(cmd, "--replication-mode", "raft");
      add(cmd, "--raft-id", n.id());
      add(cmd, "--raft-peers", layout.raftPeers());
    } else if (!n.id().equals("n1")) {
      cmd.add("--replicaof");
      cmd.add("127.0.0.1");
      cmd.add(Integer.toString(layout.basePort()));
    }
    cmd.addAll(extra);
    Files.deleteIfExists(n.pidFile());
    new ProcessBuilder(cmd)
        .redirectOutput(n.dir().resolve("stdout.log").toFile())
        .redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
  }

  private static void add(List<String> cmd, String option, Object value) {
    cmd.add(option);
    cmd.add(String.valueOf(value));
  }
}
