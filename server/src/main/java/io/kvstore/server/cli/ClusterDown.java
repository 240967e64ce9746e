package io.kvstore.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kvstore cluster down [--dir D] [--purge]}: stops every node of a local cluster (SIGTERM,
 * then SIGKILL for one that has not exited after 15 s); {@code --purge} also deletes the
 * cluster directory.
 */
@Command(name = "down", mixinStandardHelpOptions = true, description = "Stop a local cluster.")
public final class ClusterDown implements Callable<Integer> {
  @Option(names = "--dir", defaultValue = "./cluster", description = "Cluster directory (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--purge", description = "Delete the cluster directory afterwards.")
  boolean purge;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Path d = dir.toAbsolutePath().normalize();
    ClusterLayout layout = ClusterLayout.load(d);
    if (layout == null) {
      spec.commandLine().getErr().println("no cluster in " + d);
      return 1;
    }
    for (ClusterLayout.NodeInfo n : layout.nodeList()) {
      long pid = ClusterStatus.pid(n.pidFile());
      Optional<ProcessHandle> p = pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
      if (p.isEmpty() || !p.get().isAlive()) {
        out.println(n.id() + ": not running");
        continue;
      }
      p.get().destroy();
      try {
        p.get().onExit().get(15, TimeUnit.SECONDS);
        out.println(n.id() + ": stopped (pid " + pid + ")");
      } catch (Exception e) {
        p.get().destroyForcibly();
        out.println(n.id() + ": killed (pid " + pid + ")");
      }
    }
    if (purge) {
      try (var s = java.nio.file.Files.walk(d)) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) java.nio.file.Files.deleteIfExists(p);
      }
      out.println("deleted " + d);
    }
    out.flush();
    return 0;
  }
}
