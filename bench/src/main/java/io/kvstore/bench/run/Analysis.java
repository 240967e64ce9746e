package io.kvstore.bench.run;

import io.kvstore.bench.check.Budget;
import io.kvstore.bench.check.CounterChecker;
import io.kvstore.bench.check.KeyResult;
import io.kvstore.bench.check.LinearizabilityChecker;
import io.kvstore.bench.check.LinearizabilityResult;
import io.kvstore.bench.check.SetChecker;
import io.kvstore.bench.check.StaleReadDetector;
import io.kvstore.bench.check.Verdict;
import io.kvstore.bench.fault.FaultWindow;
import io.kvstore.bench.history.History;
import io.kvstore.bench.history.Op;
import io.kvstore.bench.history.OpType;
import io.kvstore.bench.workload.CounterWorkload;
import io.kvstore.bench.workload.RegisterWorkload;
import io.kvstore.bench.workload.SetWorkload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Judges one mode's history: linearizability and stale reads of the registers, lost elements of
 * the set, lost increments of the counters, and how long writes were unavailable after each
 * fault. Pure: operations and fault windows in, numbers and the first bad examples out.
 *
 * <p>Counting: an acknowledged write is an OK WRITE, ADD or INCR, or a CAS that applied. Lost
 * writes are acknowledged set adds missing from the final read plus acknowledged increments
 * missing from a counter's final read. Stale reads are register reads of overwritten values. A fault's outage is the
 * time from the fault to the reply of the first successful write invoked after it (at least the
 * rest of the history when there was none).
 */
public final class Analysis {
  /** How many examples of each anomaly to keep. */
  static final int EXAMPLES = 3;

  /** The verdicts and counts. */
  public record Result(long ackedWrites, long unknownWrites, long failedOps, long lostWrites, long staleReads,
      Verdict linearizable, List<String> violations, List<String> lossExamples, List<String> staleExamples,
      List<Double> outagesS, String setSummary, List<String> counterSummaries, int registerKeys,
      int undecidedKeys) {
    /**
     * The longest outage; when no write succeeded after some fault, that fault's outage lasted
     * at least until the end of the history and is counted so ({@link #outageCensored()}).
     */
    public double maxOutageS() {
      return outagesS.stream().mapToDouble(d -> Double.isNaN(d) ? Double.NaN : Math.abs(d))
          .filter(d -> !Double.isNaN(d)).max().orElse(0);
    }

    /** True when the longest outage had not ended when the history did (a lower bound). */
    public boolean outageCensored() {
      double max = maxOutageS();
      return outagesS.stream().anyMatch(d -> d < 0 && -d >= max);
    }
  }

  private Analysis() {
  }

  public static Result analyze(List<Op> ops, List<FaultWindow> windows, Budget budget) {
    long acked = 0;
    long unknownWrites = 0;
    long failed = 0;
    List<Op> registers = new ArrayList<>();
    List<Op> set = new ArrayList<>();
    List<Op> counters = new ArrayList<>();
    for (Op op : ops) {
      if (isAckedWrite(op)) {
        acked++;
      } else if (op.isInfo() && op.type() != OpType.READ) {
        unknownWrites++;
      }
      if (op.isFail()) {
        failed++;
      }
      if (RegisterWorkload.owns(op.key())) {
        registers.add(op);
      } else if (op.key().equals(SetWorkload.KEY)) {
        set.add(op);
      } else if (op.key().startsWith(CounterWorkload.PREFIX)) {
        counters.add(op);
      }
    }
    List<String> lossExamples = new ArrayList<>();
    long lost = 0;
    String setSummary = "no set operations";
    if (!set.isEmpty()) {
      SetChecker.Result s = SetChecker.check(SetWorkload.KEY, set);
      setSummary = s.summary();
      lost += s.lost().size();
      for (String e : s.lost()) {
        if (lossExamples.size() >= EXAMPLES) {
          break;
        }
        lossExamples.add("set element " + e + " acknowledged, missing from the final read");
      }
    }
    List<String> counterSummaries = new ArrayList<>();
    for (Map.Entry<String, List<Op>> e : History.byKey(counters).entrySet()) {
      CounterChecker.Result c = CounterChecker.check(e.getKey(), e.getValue());
      Op last = finalRead(e.getValue());
      long counterLost = 0;
      for (CounterChecker.Anomaly a : c.anomalies()) {
        if (!a.kind().equals(CounterChecker.LOST)) {
          continue;
        }
        // Only the final read, after the cluster settled, decides what was lost: an earlier
        // read may be behind (a stale read on a replica) or see a loss the final read shows too.
        if (a.op() == last) {
          counterLost = Math.max(counterLost, a.lower() - a.observed());
          if (lossExamples.size() < EXAMPLES) {
            lossExamples.add(a.describe());
          }
        }
      }
      lost += counterLost;
      counterSummaries.add("counter " + e.getKey() + ": " + c.acknowledged() + " acknowledged increments, "
          + c.unknown() + " unknown, final value " + c.finalValue() + ", " + counterLost + " lost, " + c.extra()
          + " extra");
    }
    long stale = 0;
    List<String> staleExamples = new ArrayList<>();
    Map<String, List<Op>> byKey = History.byKey(registers);
    for (Map.Entry<String, List<Op>> e : byKey.entrySet()) {
      StaleReadDetector.Result r = StaleReadDetector.check(e.getKey(), e.getValue());
      stale += r.stale().size();
      for (StaleReadDetector.StaleRead s : r.stale()) {
        if (staleExamples.size() >= EXAMPLES) {
          break;
        }
        staleExamples.add(s.describe());
      }
    }
    Verdict verdict = Verdict.LINEARIZABLE;
    List<String> violations = new ArrayList<>();
    int undecided = 0;
    if (!registers.isEmpty()) {
      LinearizabilityResult lr = LinearizabilityChecker.registers(budget).stopAtFirstViolation().check(registers);
      verdict = lr.verdict();
      undecided = lr.undecided().size();
      for (KeyResult k : lr.violations()) {
        if (violations.size() >= EXAMPLES) {
          break;
        }
        violations.add(k.violation() == null ? "key " + k.key() + ": not linearizable" : k.violation().render(8));
      }
    }
    return new Result(acked, unknownWrites, failed, lost, stale, verdict, violations, lossExamples, staleExamples,
        outages(ops, windows), setSummary, counterSummaries, byKey.size(), undecided);
  }

  /** The OK READ that completed last (the final read), or null. */
  static Op finalRead(List<Op> ops) {
    Op last = null;
    for (Op op : ops) {
      if (op.type() == OpType.READ && op.isOk() && (last == null || op.completeNs() > last.completeNs())) {
        last = op;
      }
    }
    return last;
  }

  static boolean isAckedWrite(Op op) {
    if (!op.isOk()) {
      return false;
    }
    return switch (op.type()) {
      case WRITE, ADD, INCR, APPEND, DELETE -> true;
      case CAS -> op.casApplied();
      default -> false;
    };
  }

  /**
   * Per fault (in order): seconds from its start to the first successful write invoked after it;
   * negative when none succeeded before the history ended (minus the seconds to that end: the
   * outage lasted at least that long).
   */
  static List<Double> outages(List<Op> ops, List<FaultWindow> windows) {
    long last = Long.MIN_VALUE;
    for (Op op : ops) {
      last = Math.max(last, op.completeNs());
    }
    List<Double> out = new ArrayList<>();
    for (FaultWindow w : windows) {
      if (w.target() == null) {
        continue;
      }
      long first = Long.MAX_VALUE;
      for (Op op : ops) {
        if (op.invokeNs() >= w.startNs() && isAckedWrite(op) && op.completeNs() < first) {
          first = op.completeNs();
        }
      }
      out.add(first == Long.MAX_VALUE ? -Math.max(0, last - w.startNs()) / 1e9 : (first - w.startNs()) / 1e9);
    }
    return out;
  }
}
