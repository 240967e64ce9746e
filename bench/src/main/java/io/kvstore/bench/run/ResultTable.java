package io.kvstore.bench.run;

import io.kvstore.bench.check.Verdict;
import io.kvstore.bench.fault.Fault;
import io.kvstore.bench.fault.FaultWindow;
import io.kvstore.bench.workload.LatencyLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The comparison table (Markdown, so it reads in a terminal and pastes into a README) and the
 * same results as a JSON-ready model. Columns: acknowledged writes, of which lost; stale reads;
 * whether the register history is linearizable; the longest write outage after a fault;
 * throughput and latency percentiles of successful operations in the throughput phase.
 */
public final class ResultTable {
  static final String[] HEADER = {"mode", "acked writes", "acked writes lost", "stale reads", "linearizable",
      "outage s", "ops/s", "p50 ms", "p99 ms", "p99.9 ms"};

  private ResultTable() {
  }

  public static List<String[]> rows(List<ModeResult> results, java.util.function.Function<Mode, String> label) {
    List<String[]> rows = new ArrayList<>();
    for (ModeResult r : results) {
      String name = label.apply(r.mode());
      if (!r.ran()) {
        rows.add(new String[] {name, "-", "-", "-", "-", "-", "-", "-", "-", "error: " + r.error()});
        continue;
      }
      Analysis.Result a = r.analysis();
      LatencyLog perf = r.latencyLog();
      rows.add(new String[] {name, Long.toString(a.ackedWrites()), Long.toString(a.lostWrites()),
          Long.toString(a.staleReads()), verdict(a.linearizable()), outage(a),
          Long.toString(Math.round(r.opsPerSecond())),
          perf == null ? "-" : fmt(perf.percentileMs(50)), perf == null ? "-" : fmt(perf.percentileMs(99)),
          perf == null ? "-" : fmt(perf.percentileMs(99.9))});
    }
    return rows;
  }

  static String verdict(Verdict v) {
    return switch (v) {
      case LINEARIZABLE -> "yes";
      case NOT_LINEARIZABLE -> "NO";
      default -> "unknown";
    };
  }

  /** A Markdown table with padded columns. */
  public static String markdown(List<String[]> rows) {
    List<String[]> all = new ArrayList<>();
    all.add(HEADER);
    all.addAll(rows);
    int[] w = new int[HEADER.length];
    for (String[] r : all) {
      for (int i = 0; i < r.length; i++) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int ri = 0; ri < all.size(); ri++) {
      String[] r = all.get(ri);
      sb.append('|');
      for (int i = 0; i < r.length; i++) {
        String cell = i == 0 ? pad(r[i], w[i]) : padLeft(r[i], w[i]);
        sb.append(' ').append(cell).append(" |");
      }
      sb.append('\n');
      if (ri == 0) {
        sb.append('|');
        for (int i = 0; i < r.length; i++) {
          sb.append(i == 0 ? ":" : "-").append("-".repeat(w[i])).append(i == 0 ? "-" : ":").append('|');
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  /** The whole run as a JSON-ready map. */
  public static Map<String, Object> model(BenchPlan plan, String command, List<Fault> schedule,
      List<ModeResult> results, java.util.function.Function<Mode, String> label, boolean ok) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", command);
    m.put("profile", plan.profile);
    m.put("seed", plan.seed);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("consistencyPhaseS", plan.phaseMs / 1000.0);
    p.put("workers", plan.workers);
    p.put("rate", plan.rate);
    p.put("opTimeoutMs", plan.opTimeoutMs);
    p.put("capacityPhaseS", plan.throughput ? plan.capacityMs / 1000.0 : 0);
    p.put("capacityWorkers", plan.capacityWorkers);
    p.put("throughputPhaseS", plan.throughput ? plan.throughputMs / 1000.0 : 0);
    p.put("throughputRate", plan.throughputRate);
    p.put("throughputWorkers", plan.throughputWorkers);
    p.put("ycsb", plan.mix.name());
    p.put("sentinelDownAfterMs", plan.downAfterMs);
    p.put("raftTimeoutMs", plan.raftTimeoutMs);
    m.put("plan", p);
    List<Object> sched = new ArrayList<>();
    for (Fault f : schedule) {
      sched.add(Map.of("kind", f.kind().wireName(), "atS", f.atMs() / 1000.0, "durationS", f.durationMs() / 1000.0));
    }
    m.put("schedule", sched);
    List<Object> rows = new ArrayList<>();
    for (ModeResult r : results) {
      rows.add(row(r, label.apply(r.mode())));
    }
    m.put("rows", rows);
    m.put("ok", ok);
    return m;
  }

  private static Map<String, Object> row(ModeResult r, String label) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mode", r.mode().id());
    m.put("label", label);
    m.put("cluster", r.cluster());
    m.put("error", r.error());
    m.put("seconds", r.seconds());
    m.put("brokenPromises", r.brokenPromises());
    m.put("notes", r.notes());
    if (!r.ran()) {
      return m;
    }
    Analysis.Result a = r.analysis();
    m.put("ackedWrites", a.ackedWrites());
    m.put("unknownWrites", a.unknownWrites());
    m.put("failedOps", a.failedOps());
    m.put("lostWrites", a.lostWrites());
    m.put("staleReads", a.staleReads());
    m.put("linearizable", verdict(a.linearizable()));
    m.put("registerKeys", a.registerKeys());
    m.put("undecidedKeys", a.undecidedKeys());
    m.put("maxOutageS", a.maxOutageS());
    m.put("outageCensored", a.outageCensored());
    m.put("outagesS", new ArrayList<Object>(a.outagesS()));
    LatencyLog perf = r.latencyLog();
    m.put("throughputWorkload", r.throughput() != null ? r.workload() : "consistency phase");
    m.put("opsPerSec", r.opsPerSecond());
    if (perf != null) {
      m.put("p50Ms", perf.percentileMs(50));
      m.put("p99Ms", perf.percentileMs(99));
      m.put("p999Ms", perf.percentileMs(99.9));
      m.put("maxMs", perf.maxMs());
    }
    if (r.consistency() != null) {
      LatencyLog c = r.consistency();
      Map<String, Object> cm = new LinkedHashMap<>();
      cm.put("ok", c.ok());
      cm.put("failed", c.failed());
      cm.put("unknown", c.unknown());
      cm.put("p50Ms", c.percentileMs(50));
      cm.put("p99Ms", c.percentileMs(99));
      cm.put("maxMs", c.maxMs());
      m.put("consistencyPhase", cm);
    }
    List<Object> faults = new ArrayList<>();
    long origin = r.consistency() == null ? 0 : r.consistency().originNs();
    for (FaultWindow w : r.faults()) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("kind", w.kind().wireName());
      f.put("target", w.target());
      f.put("startS", (w.startNs() - origin) / 1e9);
      f.put("endS", w.endNs() == 0 ? null : (w.endNs() - origin) / 1e9);
      f.put("note", w.note());
      faults.add(f);
    }
    m.put("faults", faults);
    m.put("violations", a.violations());
    m.put("lossExamples", a.lossExamples());
    m.put("staleExamples", a.staleExamples());
    m.put("set", a.setSummary());
    m.put("counters", a.counterSummaries());
    m.put("history", r.history() == null ? null : r.mode().id() + "/" + r.history().getFileName());
    return m;
  }

  /** The longest outage, with ">" when it had not ended by the end of the history. */
  static String outage(Analysis.Result a) {
    return (a.outageCensored() ? ">" : "") + fmt1(a.maxOutageS());
  }

  static String fmt(double v) {
    if (v >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (v >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  static String fmt1(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String pad(String s, int w) {
    return s + " ".repeat(w - s.length());
  }

  private static String padLeft(String s, int w) {
    return " ".repeat(w - s.length()) + s;
  }
}
