package io.kvstore.bench.cli;

import io.kvstore.bench.cluster.Launcher;
import io.kvstore.bench.fault.Fault;
import io.kvstore.bench.fault.FaultKind;
import io.kvstore.bench.report.HtmlReport;
import io.kvstore.bench.report.Json;
import io.kvstore.bench.run.BenchPlan;
import io.kvstore.bench.run.Mode;
import io.kvstore.bench.run.ModeResult;
import io.kvstore.bench.run.ModeRunner;
import io.kvstore.bench.run.Progress;
import io.kvstore.bench.run.ResultTable;
import io.kvstore.bench.workload.YcsbWorkload;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kvstore bench}: starts a local cluster of each mode as real processes, drives the same
 * workload through the same seeded faults, records every operation, checks the histories and
 * prints one table comparing the modes; writes the histories, the table (Markdown and JSON) and
 * an HTML report to the output directory.
 *
 * <p>Exit status: 0 when every raft row kept its promises (no acknowledged write lost; with
 * linearizable or lease reads, a linearizable history), 1 when one did not or could not run,
 * 2 on a usage error. Async rows losing writes is the expected outcome, not a failure.
 */
@Command(name = "kvstore bench", sortOptions = false,
    description = "Compare the replication modes under faults: lost writes, stale reads, linearizability, failover"
        + " outage, throughput and latency. Starts and stops its own local clusters of real processes.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:every raft row kept its guarantees", "1:a raft row lost an acknowledged write, was not"
        + " linearizable, or could not run", "2:usage error"})
public final class BenchMain implements Callable<Integer> {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--quick", description = "The short CI profile: async, raft and raft-lease, one fault of each kind.")
  boolean quick;

  @Option(names = "--modes", split = ",", paramLabel = "MODE",
      description = "Rows to run: async, async-wait, async-min-replicas, raft, raft-lease, raft-stale"
          + " (default: the profile's).")
  List<String> modes;

  @Option(names = "--seed", description = "Seed of the fault schedule and workloads (default: 1).")
  Long seed;

  @Option(names = "--duration", paramLabel = "SECONDS", description = "Length of the consistency phase.")
  Integer duration;

  @Option(names = "--rate", description = "Operations per second offered in the consistency phase.")
  Double rate;

  @Option(names = "--workers", description = "Client processes in the consistency phase.")
  Integer workers;

  @Option(names = "--faults", split = ",", paramLabel = "KIND",
      description = "Fault kinds: partition, kill, pause, or none (default: all three).")
  List<String> faults;

  @Option(names = "--ycsb", paramLabel = "A|B|C", description = "YCSB mix of the throughput phase (default: A).")
  String ycsb;

  @Option(names = "--throughput-seconds", paramLabel = "SECONDS",
      description = "Length of the throughput phase's fixed-rate latency run (0 skips the whole throughput phase).")
  Integer throughputSeconds;

  @Option(names = "--throughput-rate", description = "Operations per second offered in the throughput phase's latency run.")
  Double throughputRate;

  @Option(names = "--capacity-seconds", paramLabel = "SECONDS",
      description = "Length of the throughput phase's closed-loop capacity run.")
  Integer capacitySeconds;

  @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: bench-results/<time>).")
  Path out;

  @Option(names = "--jar", paramLabel = "FILE",
      description = "The kvstore jar to run nodes from (default: $KVSTORE_JAR or server/target/kvstore.jar).")
  Path jar;

  @Option(names = "--sentinels", split = ",", paramLabel = "HOST:PORT",
      description = "Also (or only, without --modes) run against an external deployment through these sentinels;"
          + " no faults are injected there, and keys r*, s:*, c:* and y:* are written: use a scratch deployment.")
  List<String> sentinels;

  @Option(names = "--master-name", description = "The external deployment's master name (default: mymaster).")
  String masterName = "mymaster";

  @Spec
  CommandLine.Model.CommandSpec spec;

  private final PrintStream progressStream;
  private final boolean interactive;

  public BenchMain() {
    this(System.err, System.console() != null);
  }

  BenchMain(PrintStream progressStream, boolean interactive) {
    this.progressStream = progressStream;
    this.interactive = interactive;
  }

  /** Entry point used by {@code kvstore bench}: parses {@code args} and runs; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new BenchMain());
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(args);
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    BenchPlan plan;
    try {
      plan = plan();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Path outDir = (this.out != null ? this.out
        : Path.of("bench-results", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))))
        .toAbsolutePath().normalize();
    Files.createDirectories(outDir);
    Launcher launcher = plan.modes.stream().allMatch(m -> m == Mode.EXTERNAL) ? null : Launcher.of(jarPath());
    List<ModeResult> results = new ArrayList<>();
    ModeRunner runner = new ModeRunner(plan, launcher, outDir, null);
    List<Fault> schedule = runner.schedule();
    try (Progress progress = new Progress(progressStream, interactive)) {
      runner = new ModeRunner(plan, launcher, outDir, progress);
      progress.note("kvstore bench (" + plan.profile + ", seed " + plan.seed + "): " + plan.modes.size()
          + " modes, faults " + describe(schedule) + "; output in " + outDir);
      int i = 1;
      for (Mode m : plan.modes) {
        results.add(runner.run(m, i++, plan.modes.size()));
      }
    }
    ModeRunner labels = runner;
    List<String[]> rows = ResultTable.rows(results, labels::label);
    String table = ResultTable.markdown(rows);
    List<String> broken = new ArrayList<>();
    for (ModeResult r : results) {
      for (String b : r.brokenPromises()) {
        broken.add(labels.label(r.mode()) + ": " + b);
      }
    }
    String command = "kvstore bench " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    Map<String, Object> model = ResultTable.model(plan, command.trim(), schedule, results, labels::label,
        broken.isEmpty());
    Files.writeString(outDir.resolve("table.md"), table);
    Files.writeString(outDir.resolve("results.json"), Json.write(model) + "\n");
    Files.writeString(outDir.resolve("report.html"), HtmlReport.render(model, results, labels::label));
    out.println();
    out.print(table);
    out.println();
    for (ModeResult r : results) {
      for (String n : r.notes()) {
        out.println("note: " + labels.label(r.mode()) + ": " + n);
      }
    }
    out.println("report: " + outDir.resolve("report.html"));
    if (!broken.isEmpty()) {
      out.println("FAILED: raft broke its guarantees (a bug in the raft mode):");
      for (String b : broken) {
        out.println("  " + b);
      }
      out.flush();
      return 1;
    }
    out.flush();
    return 0;
  }

  BenchPlan plan() {
    BenchPlan p = quick ? BenchPlan.quick() : BenchPlan.full();
    if (sentinels != null && !sentinels.isEmpty()) {
      p.sentinels = new ArrayList<>(sentinels);
      p.masterName = masterName;
      if (modes == null) {
        p.modes = new ArrayList<>();
      }
      p.modes.add(Mode.EXTERNAL);
    }
    if (modes != null) {
      List<Mode> ms = new ArrayList<>();
      for (String s : modes) {
        Mode m = Mode.parse(s);
        if (m == Mode.EXTERNAL) {
          throw new IllegalArgumentException("the external row is chosen with --sentinels");
        }
        if (!ms.contains(m)) {
          ms.add(m);
        }
      }
      if (p.modes.contains(Mode.EXTERNAL)) {
        ms.add(Mode.EXTERNAL);
      }
      p.modes = ms;
    }
    if (seed != null) {
      p.seed = seed;
    }
    if (duration != null) {
      if (duration < 5) {
        throw new IllegalArgumentException("--duration must be at least 5 seconds");
      }
      double scale = duration * 1000.0 / p.phaseMs;
      p.phaseMs = duration * 1000L;
      p.warmupMs = Math.round(p.warmupMs * Math.min(1, scale));
      p.settleMs = Math.round(p.settleMs * Math.min(1, scale));
    }
    if (rate != null) {
      positive(rate, "--rate");
      p.rate = rate;
    }
    if (workers != null) {
      positive(workers, "--workers");
      p.workers = workers;
    }
    if (faults != null) {
      List<FaultKind> ks = new ArrayList<>();
      for (String f : faults) {
        if (f.equalsIgnoreCase("none")) {
          continue;
        }
        try {
          ks.add(FaultKind.parse(f));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("unknown fault '" + f + "' (partition, kill, pause or none)");
        }
      }
      p.faults = ks;
    }
    if (ycsb != null) {
      try {
        p.mix = YcsbWorkload.Mix.parse(ycsb);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--ycsb must be A, B or C");
      }
    }
    if (throughputSeconds != null) {
      p.throughput = throughputSeconds > 0;
      p.throughputMs = Math.max(1, throughputSeconds) * 1000L;
    }
    if (capacitySeconds != null) {
      positive(capacitySeconds, "--capacity-seconds");
      p.capacityMs = capacitySeconds * 1000L;
    }
    if (throughputRate != null) {
      positive(throughputRate, "--throughput-rate");
      p.throughputRate = throughputRate;
    }
    if (p.modes.isEmpty()) {
      throw new IllegalArgumentException("no mode to run");
    }
    return p;
  }

  private static void positive(double v, String name) {
    if (!(v > 0)) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }

  private Path jarPath() {
    if (jar != null) {
      return jar;
    }
    String env = System.getenv("KVSTORE_JAR");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of("server", "target", "kvstore.jar");
  }

  private static String describe(List<Fault> schedule) {
    if (schedule.isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    for (Fault f : schedule) {
      parts.add(String.format(Locale.ROOT, "%s@%.0fs/%.0fs", f.kind().wireName(), f.atMs() / 1000.0,
          f.durationMs() / 1000.0));
    }
    return String.join(" ", parts);
  }
}
