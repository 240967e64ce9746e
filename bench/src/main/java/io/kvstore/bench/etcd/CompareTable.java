package io.kvstore.bench.etcd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The comparison: for each operation, one Markdown row per client count with the baseline's and
 * the subject's throughput and p50/p99 latency (ms) and the subject/baseline throughput ratio.
 * A step one system did not run shows "-"; failed operations are listed under the tables.
 */
public final class CompareTable {
  private CompareTable() {}

  public static String markdown(List<StepResult> results, String baseline, String subject) {
    StringBuilder sb = new StringBuilder();
    for (String op : List.of("write", "read")) {
      TreeSet<Integer> clients = new TreeSet<>();
      for (StepResult r : results) {
        if (r.op().equals(op) && (r.system().equals(baseline) || r.system().equals(subject))) clients.add(r.clients());
      }
      if (clients.isEmpty()) continue;
      String unit = op + "s/s";
      if (sb.length() > 0) sb.append('\n');
      sb.append(op.equals("read") ? "Linearizable reads\n\n" : "Writes\n\n");
      sb.append(String.format(Locale.ROOT, "| clients | %1$s %3$s | %1$s p50 ms | %1$s p99 ms | %2$s %3$s | %2$s p50 ms"
          + " | %2$s p99 ms | %2$s/%1$s |%n", baseline, subject, unit));
      sb.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (int c : clients) {
        StepResult b = find(results, baseline, op, c);
        StepResult s = find(results, subject, op, c);
        sb.append("| ").append(c).append(" | ").append(cells(b)).append(" | ").append(cells(s)).append(" | ")
            .append(b != null && s != null && b.perSecond() > 0
                ? String.format(Locale.ROOT, "%.2f", s.perSecond() / b.perSecond()) : "-")
            .append(" |\n");
      }
    }
    List<String> errors = new ArrayList<>();
    for (StepResult r : results) {
      if (r.errors() > 0) errors.add(r.system() + " " + r.op() + " x" + r.clients() + ": " + r.errors());
    }
    if (!errors.isEmpty()) sb.append("\nFailed operations (not counted above): ").append(String.join(", ", errors)).append('\n');
    return sb.toString();
  }

  private static String cells(StepResult r) {
    if (r == null) return "- | - | -";
    return String.format(Locale.ROOT, "%.0f | %s | %s", r.perSecond(), ms(r.p50Micros()), ms(r.p99Micros()));
  }

  static String ms(long micros) {
    return micros >= 100_000 ? String.format(Locale.ROOT, "%.0f", micros / 1000.0)
        : micros >= 10_000 ? String.format(Locale.ROOT, "%.1f", micros / 1000.0)
        : String.format(Locale.ROOT, "%.2f", micros / 1000.0);
  }

  /** The last result of that system, operation and client count (a rerun replaces an earlier one). */
  private static StepResult find(List<StepResult> results, String system, String op, int clients) {
    StepResult found = null;
    for (StepResult r : results) {
      if (r.system().equals(system) && r.op().equals(op) && r.clients() == clients) found = r;
    }
    return found;
  }
}
