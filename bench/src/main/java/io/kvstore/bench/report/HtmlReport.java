package io.kvstore.bench.report;

import io.kvstore.bench.fault.FaultWindow;
import io.kvstore.bench.run.Analysis;
import io.kvstore.bench.run.Mode;
import io.kvstore.bench.run.ModeResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The self-contained HTML report of a run: the comparison table, the plan and fault schedule,
 * and per mode the latency-over-time plots with the fault windows shaded, each fault's outage,
 * and the first violations, lost writes and stale reads found. No external assets: styles and
 * SVG are inline, so the file can be committed and opened anywhere. The run's JSON model is
 * embedded too, for anyone who wants to script over it.
 */
public final class HtmlReport {
  private static final String CSS = """
      body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px auto;max-width:980px;\
      color:#1d232a;padding:0 12px}
      h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #dde2e8;padding-bottom:4px}
      h3{font-size:15px;margin:18px 0 6px}
      table{border-collapse:collapse;font-variant-numeric:tabular-nums}
      td,th{border:1px solid #dde2e8;padding:4px 8px;text-align:right}th{background:#f4f6f8}
      td:first-child,th:first-child{text-align:left}
      .bad{background:#fde8e8;color:#9b1c1c;font-weight:600}.good{color:#17603a}
      code,pre{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace}
      pre{background:#f6f8fa;padding:8px;overflow:auto;border-radius:4px;white-space:pre-wrap}
      .muted{color:#5d6b7a}.legend span{display:inline-block;margin-right:14px}
      .sw{display:inline-block;width:18px;height:10px;margin-right:4px;vertical-align:middle}
      svg.plot{width:100%;height:auto;background:#fff}
      svg .grid{stroke:#eef1f4}svg .frame{fill:none;stroke:#aab4be}
      svg .axis{font-size:10px;fill:#5d6b7a}svg .flabel{font-size:10px;fill:#333}
      svg .median{fill:none;stroke:#1f6feb;stroke-width:1.5}svg .max{fill:none;stroke:#9aa5b1;stroke-width:1}
      svg .fault{opacity:.22}svg .partition{fill:#d97706}svg .kill{fill:#dc2626}svg .pause{fill:#7c3aed}
      svg .failmark{fill:#f59e0b}svg .infomark{fill:#dc2626}
      """;

  private HtmlReport() {
  }

  public static String render(Map<String, Object> model, List<ModeResult> results, Function<Mode, String> label) {
    StringBuilder sb = new StringBuilder(64 * 1024);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    sb.append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">");
    sb.append("<title>kvstore: comparing the replication modes</title><style>").append(CSS).append("</style></head><body>");
    sb.append("<h1>kvstore: comparing the replication modes under faults</h1>");
    sb.append("<p class=\"muted\">Command: <code>").append(Html.escape(String.valueOf(model.get("command"))))
        .append("</code> &middot; profile ").append(Html.escape(String.valueOf(model.get("profile"))))
        .append(" &middot; seed ").append(model.get("seed")).append("</p>");
    summary(sb, results, label);
    sb.append("<p class=\"muted\">Acked writes: writes the client saw succeed (SET, applied CAS, set add, INCR). "
        + "Lost: acknowledged set adds missing from the final read plus acknowledged increments missing from a "
        + "counter. Stale reads: register reads returning a value already overwritten before the read began. "
        + "Linearizable: the register histories checked with a Wing&ndash;Gong/Lowe search (unknown = search "
        + "budget ran out). Outage: longest time from a fault to the first successful write invoked after it "
        + "(&gt; when none succeeded before the end of the phase). "
        + "Ops/s: successful operations per second of the throughput phase's closed loop (capacity, no faults). "
        + "Latency: successful operations of the throughput phase's open loop at a fixed offered rate (no "
        + "faults), measured from each operation's intended start.</p>");
    plan(sb, model);
    for (ModeResult r : results) {
      mode(sb, r, label.apply(r.mode()));
    }
    sb.append("<script type=\"application/json\" id=\"results\">").append(Json.compact(model)).append("</script>");
    sb.append("</body></html>\n");
    return sb.toString();
  }

  private static void summary(StringBuilder sb, List<ModeResult> results, Function<Mode, String> label) {
    sb.append("<table><tr><th>mode</th><th>acked writes</th><th>acked writes lost</th><th>stale reads</th>")
        .append("<th>linearizable</th><th>outage s</th><th>ops/s</th><th>p50 ms</th><th>p99 ms</th><th>p99.9 ms</th></tr>");
    for (ModeResult r : results) {
      sb.append("<tr><td><a href=\"#").append(r.mode().id()).append("\">").append(Html.escape(label.apply(r.mode())))
          .append("</a></td>");
      if (!r.ran()) {
        sb.append("<td colspan=\"9\" class=\"bad\">did not run: ").append(Html.escape(r.error())).append("</td></tr>");
        continue;
      }
      Analysis.Result a = r.analysis();
      var perf = r.latencyLog();
      cell(sb, Long.toString(a.ackedWrites()), null);
      cell(sb, Long.toString(a.lostWrites()), a.lostWrites() > 0 ? "bad" : "good");
      cell(sb, Long.toString(a.staleReads()), a.staleReads() > 0 ? "bad" : "good");
      String lin = switch (a.linearizable()) {
        case LINEARIZABLE -> "yes";
        case NOT_LINEARIZABLE -> "no";
        default -> "unknown";
      };
      cell(sb, lin, lin.equals("no") ? "bad" : lin.equals("yes") ? "good" : null);
      cell(sb, (a.outageCensored() ? ">" : "") + f1(a.maxOutageS()), null);
      cell(sb, Long.toString(Math.round(r.opsPerSecond())), null);
      cell(sb, perf == null ? "-" : f2(perf.percentileMs(50)), null);
      cell(sb, perf == null ? "-" : f2(perf.percentileMs(99)), null);
      cell(sb, perf == null ? "-" : f2(perf.percentileMs(99.9)), null);
      sb.append("</tr>");
    }
    sb.append("</table>");
  }

  private static void cell(StringBuilder sb, String text, String cls) {
    sb.append(cls == null ? "<td>" : "<td class=\"" + cls + "\">").append(Html.escape(text)).append("</td>");
  }

  @SuppressWarnings("unchecked")
  private static void plan(StringBuilder sb, Map<String, Object> model) {
    Map<String, Object> p = (Map<String, Object>) model.get("plan");
    sb.append("<h2>Workload and faults</h2><p>");
    sb.append("Consistency phase: ").append(p.get("consistencyPhaseS")).append(" s, ").append(p.get("workers"))
        .append(" client processes offering ").append(p.get("rate")).append(" ops/s together: register reads, "
            + "writes and compare-and-sets (WATCH/MULTI/EXEC) on a few keys at a time with unique values, unique "
            + "set adds, INCR counters; then final reads once the cluster has settled. Operations time out after ")
        .append(p.get("opTimeoutMs")).append(" ms (outcome unknown). Throughput phase: YCSB ").append(p.get("ycsb"))
        .append(", ").append(p.get("throughputPhaseS")).append(" s at ").append(p.get("throughputRate"))
        .append(" ops/s offered by ").append(p.get("throughputWorkers")).append(" processes.</p>");
    sb.append("<p>Fault schedule (the same for every mode; each fault hits the member leading at that moment): ");
    List<Object> sched = (List<Object>) model.get("schedule");
    if (sched.isEmpty()) {
      sb.append("none");
    }
    for (Object o : sched) {
      Map<String, Object> f = (Map<String, Object>) o;
      sb.append("<code>").append(f.get("kind")).append(" at ").append(f.get("atS")).append("s for ")
          .append(f.get("durationS")).append("s</code> ");
    }
    sb.append("</p><p class=\"legend\"><span><i class=\"sw\" style=\"background:#d97706;opacity:.4\"></i>partition"
        + "</span><span><i class=\"sw\" style=\"background:#dc2626;opacity:.4\"></i>kill -9 + restart</span>"
        + "<span><i class=\"sw\" style=\"background:#7c3aed;opacity:.4\"></i>SIGSTOP/SIGCONT</span>"
        + "<span><i class=\"sw\" style=\"background:#1f6feb;height:2px\"></i>median latency</span>"
        + "<span><i class=\"sw\" style=\"background:#9aa5b1;height:2px\"></i>max latency</span>"
        + "<span><i class=\"sw\" style=\"background:#f59e0b\"></i>failed ops</span>"
        + "<span><i class=\"sw\" style=\"background:#dc2626\"></i>unknown-outcome ops</span></p>");
  }

  private static void mode(StringBuilder sb, ModeResult r, String label) {
    sb.append("<h2 id=\"").append(r.mode().id()).append("\">").append(Html.escape(label)).append("</h2>");
    sb.append("<p class=\"muted\">").append(Html.escape(r.cluster())).append(String.format(Locale.ROOT,
        " &middot; %.0f s", r.seconds())).append("</p>");
    if (!r.ran()) {
      sb.append("<p class=\"bad\">Did not run: ").append(Html.escape(r.error())).append("</p>");
      notes(sb, r);
      return;
    }
    Analysis.Result a = r.analysis();
    List<String> broken = r.brokenPromises();
    if (!broken.isEmpty()) {
      sb.append("<p class=\"bad\">Broken guarantee: ").append(Html.escape(String.join("; ", broken))).append("</p>");
    }
    notes(sb, r);
    sb.append("<h3>Consistency phase: latency over time</h3>");
    sb.append(LatencyPlot.svg(r.consistency(), r.faults(), 0));
    sb.append(String.format(Locale.ROOT, "<p>%d ok, %d failed, %d unknown; %d acknowledged writes, %d of unknown "
        + "outcome; %d register keys checked", r.consistency().ok(), r.consistency().failed(),
        r.consistency().unknown(), a.ackedWrites(), a.unknownWrites(), a.registerKeys()));
    if (a.undecidedKeys() > 0) {
      sb.append(", ").append(a.undecidedKeys()).append(" undecided within the search budget");
    }
    sb.append(".</p>");
    faults(sb, r, a);
    sb.append("<p>").append(Html.escape(a.setSummary())).append("<br>");
    for (String c : a.counterSummaries()) {
      sb.append(Html.escape(c)).append("<br>");
    }
    sb.append("</p>");
    examples(sb, "First linearizability violations", a.violations());
    examples(sb, "Lost writes", a.lossExamples());
    examples(sb, "Stale reads", a.staleExamples());
    if (r.throughput() != null && r.throughput().size() > 0) {
      sb.append("<h3>Throughput phase (").append(Html.escape(r.workload())).append(", no faults)</h3>");
      sb.append(LatencyPlot.svg(r.throughput(), List.of(), 0));
      sb.append(String.format(Locale.ROOT, "<p>Capacity %.0f ops/s (closed loop). At the fixed rate: %.0f ops/s; "
          + "p50 %s ms, p99 %s ms, p99.9 %s ms, max %s ms; %d failed, %d unknown.</p>", r.opsPerSecond(),
          r.throughput().okPerSecond(), f2(r.throughput().percentileMs(50)),
          f2(r.throughput().percentileMs(99)), f2(r.throughput().percentileMs(99.9)), f2(r.throughput().maxMs()),
          r.throughput().failed(), r.throughput().unknown()));
    }
    if (r.history() != null) {
      sb.append("<p class=\"muted\">History: <code>").append(r.mode().id()).append("/")
          .append(Html.escape(r.history().getFileName().toString())).append("</code> (JSON lines)</p>");
    }
  }

  private static void faults(StringBuilder sb, ModeResult r, Analysis.Result a) {
    if (r.faults().isEmpty()) {
      return;
    }
    sb.append("<table><tr><th>fault</th><th>target</th><th>from s</th><th>to s</th><th>outage s</th><th>note</th></tr>");
    long origin = r.consistency().originNs();
    int i = 0;
    for (FaultWindow w : r.faults()) {
      String outage = "";
      if (w.target() != null && i < a.outagesS().size()) {
        double o = a.outagesS().get(i++);
        outage = o < 0 ? "&gt;" + f1(-o) + " (no write succeeded)" : f1(o);
      }
      sb.append("<tr><td>").append(w.kind().wireName()).append("</td><td>").append(Html.escape(w.target()))
          .append("</td><td>").append(f1((w.startNs() - origin) / 1e9)).append("</td><td>")
          .append(w.endNs() == 0 ? "" : f1((w.endNs() - origin) / 1e9)).append("</td><td>").append(outage)
          .append("</td><td>").append(Html.escape(w.note())).append("</td></tr>");
    }
    sb.append("</table>");
  }

  private static void examples(StringBuilder sb, String title, List<String> items) {
    if (items.isEmpty()) {
      return;
    }
    sb.append("<h3>").append(Html.escape(title)).append("</h3>");
    for (String s : items) {
      sb.append("<pre>").append(Html.escape(s)).append("</pre>");
    }
  }

  private static void notes(StringBuilder sb, ModeResult r) {
    for (String n : r.notes()) {
      sb.append("<p class=\"muted\">Note: ").append(Html.escape(n)).append("</p>");
    }
  }

  private static String f1(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String f2(double v) {
    return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.2f", v);
  }
}
