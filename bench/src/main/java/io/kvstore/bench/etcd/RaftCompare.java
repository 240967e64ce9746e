package io.kvstore.bench.etcd;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Load generator of {@code bench/etcd-compare.sh}: {@code run} loads one already running
 * cluster (etcd over its v3 gRPC API, or kvstore over RESP) with the same closed-loop steps and
 * appends one line per step to a results file; {@code table} prints the comparison of two
 * systems from that file. The cluster is started and stopped by the caller, so the two systems
 * never run at the same time.
 */
@Command(name = "RaftCompare", mixinStandardHelpOptions = true,
    description = "Closed-loop write and linearizable-read load against etcd or kvstore, and the comparison table.",
    subcommands = {RaftCompare.Run.class, RaftCompare.Table.class})
public final class RaftCompare implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new RaftCompare());
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code run}: preload, then the write steps, then the read steps, against one system. */
  @Command(name = "run", mixinStandardHelpOptions = true, description = "Load one running cluster.")
  static final class Run implements Callable<Integer> {
    @Option(names = "--system", required = true, description = "etcd (v3 gRPC KV) or kvstore (RESP).")
    String system;

    @Option(names = "--endpoints", required = true, paramLabel = "HOST:PORT,...",
        description = "The nodes; client i uses node i mod n.")
    String endpoints;

    @Option(names = "--clients", split = ",", defaultValue = "1,16,256", description = "Write steps (default: ${DEFAULT-VALUE}).")
    List<Integer> clients;

    @Option(names = "--read-clients", split = ",", defaultValue = "1,16,256",
        description = "Linearizable read steps (default: ${DEFAULT-VALUE}; 0 for none).")
    List<Integer> readClients;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per step (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup", defaultValue = "2", description = "Unmeasured seconds before each step (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--keys", defaultValue = "10000", description = "Key space (default: ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = "--value-size", defaultValue = "100", description = "Value bytes (default: ${DEFAULT-VALUE}).")
    int valueSize;

    @Option(names = "--preload-clients", defaultValue = "256", description = "Clients writing every key once first (default: ${DEFAULT-VALUE}).")
    int preloadClients;

    @Option(names = "--timeout-ms", defaultValue = "10000", description = "Per-operation timeout (default: ${DEFAULT-VALUE}).")
    int timeoutMs;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the key choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", description = "Append the step results to this file.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter log = spec.commandLine().getErr();
      PrintWriter stdout = spec.commandLine().getOut();
      Endpoints nodes = Endpoints.parse(endpoints);
      KeySpace space = new KeySpace(keys, valueSize);
      List<StepResult> results = new ArrayList<>();
      try (Target target = target(nodes)) {
        long t0 = System.nanoTime();
        Preload.run(target, space, preloadClients, nodes.nodes().size());
        log.printf(Locale.ROOT, "%s: preloaded %d keys x %d B in %.1f s%n", target.name(), keys, valueSize,
            (System.nanoTime() - t0) / 1e9);
        log.flush();
        ClosedLoop loop = new ClosedLoop(target, space);
        long step = 0;
        for (ClosedLoop.Op op : ClosedLoop.Op.values()) {
          for (int c : op == ClosedLoop.Op.WRITE ? clients : readClients) {
            if (c <= 0) continue;
            StepResult r = loop.run(op, c, nanos(warmup), nanos(seconds), seed + step++);
            results.add(r);
            log.printf(Locale.ROOT, "%s: %s x%d: %.0f/s p50 %s ms p99 %s ms errors %d%n", r.system(), r.op(), c,
                r.perSecond(), CompareTable.ms(r.p50Micros()), CompareTable.ms(r.p99Micros()), r.errors());
            log.flush();
          }
        }
        if (loop.firstError() != null) log.println(target.name() + ": first failure: " + loop.firstError());
      }
      if (out != null) {
        StringBuilder sb = new StringBuilder();
        for (StepResult r : results) sb.append(r.toLine()).append('\n');
        Files.writeString(out, sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } else {
        stdout.print(CompareTable.markdown(results, system, system));
        stdout.flush();
      }
      return results.stream().anyMatch(r -> r.ops() == 0) ? 1 : 0;
    }

    private Target target(Endpoints nodes) {
      if (system.equals("etcd")) return new EtcdTarget(nodes, timeoutMs);
      if (system.equals("kvstore")) return new RespTarget(nodes, timeoutMs);
      throw new CommandLine.ParameterException(spec.commandLine(), "--system must be etcd or kvstore");
    }

    private static long nanos(double s) {
      return (long) (s * 1e9);
    }
  }

  /** {@code table}: the comparison of two systems' lines in a results file. */
  @Command(name = "table", mixinStandardHelpOptions = true, description = "Print the comparison from a results file.")
  static final class Table implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RESULTS", description = "File written by run --out.")
    Path file;

    @Option(names = "--baseline", defaultValue = "etcd", description = "Default: ${DEFAULT-VALUE}.")
    String baseline;

    @Option(names = "--subject", defaultValue = "kvstore", description = "Default: ${DEFAULT-VALUE}.")
    String subject;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      List<StepResult> results = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) results.add(StepResult.parse(line));
      }
      spec.commandLine().getOut().print(CompareTable.markdown(results, baseline, subject));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
