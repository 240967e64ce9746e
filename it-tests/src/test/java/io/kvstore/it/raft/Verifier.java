package io.kvstore.it.raft;

import static org.awaitility.Awaitility.await;

import io.kvstore.bench.check.Budget;
import io.kvstore.bench.check.CounterChecker;
import io.kvstore.bench.check.KeyResult;
import io.kvstore.bench.check.LinearizabilityChecker;
import io.kvstore.bench.check.LinearizabilityResult;
import io.kvstore.bench.check.SetChecker;
import io.kvstore.bench.check.StaleReadDetector;
import io.kvstore.bench.cluster.Probe;
import io.kvstore.bench.history.History;
import io.kvstore.bench.history.Op;
import io.kvstore.bench.history.OpType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import redis.clients.jedis.Jedis;

/**
 * Judges a finished {@link Workload} history against final reads from every member:
 * <ul>
 * <li>log keys (APPEND of unique tokens): every acknowledged token is present, no token appears
 * twice (a retried write applied once), none of a refused APPEND and none nobody sent;</li>
 * <li>counters: the final count lies within [acknowledged INCRs, acknowledged + unknown], and no
 * read or INCR result along the way contradicts the increments around it;</li>
 * <li>registers (SET of unique values): no read returned a value already overwritten by a write
 * acknowledged before the read began, nor a value nobody wrote; the history is searched for a
 * linearization too (a violation fails, a search out of budget does not);</li>
 * <li>every member answers the same final values, linearizable and stale ({@code READONLY}).</li>
 * </ul>
 */
final class Verifier {
  private static final Budget SEARCH = new Budget(5_000_000L, 16_000_000L, Duration.ofSeconds(20));

  private final List<String> problems = new ArrayList<>();
  private final StringBuilder summary = new StringBuilder();

  List<String> problems() {
    return problems;
  }

  String summary() {
    return summary.toString();
  }

  /** Reads every workload key on every member and checks the history with those final reads. */
  Verifier check(List<Op> history, List<Member> members) {
    List<Op> all = new ArrayList<>(history);
    List<String> keys = new ArrayList<>(Workload.LOGS);
    keys.addAll(Workload.COUNTERS);
    keys.addAll(Workload.REGISTERS);
    Map<String, Map<String, String>> finals = new LinkedHashMap<>();
    long index = 10_000_000L;
    for (Member m : members) {
      Map<String, String> values = new LinkedHashMap<>();
      for (String key : keys) {
        long invoke = System.nanoTime();
        String v = readWithRetry(m, key, false);
        long done = System.nanoTime();
        values.put(key, v);
        Op read = Op.invoke(index++, 1000 + m.slot(), OpType.READ, key, null, invoke);
        all.add(Workload.LOGS.contains(key) ? read.okValues(done, tokens(v)) : read.ok(done, v));
      }
      finals.put(m.id(), values);
      for (String key : keys) {
        String stale = readWithRetry(m, key, true);
        if (!Objects.equals(stale, values.get(key))) {
          problems.add(m.id() + " READONLY GET " + key + " = " + abbreviate(stale) + " but linearizable GET = "
              + abbreviate(values.get(key)));
        }
      }
    }
    Map<String, String> first = finals.values().iterator().next();
    finals.forEach((id, values) -> {
      if (!values.equals(first)) problems.add("members disagree: " + id + " has " + abbreviate(values.toString())
          + ", " + members.get(0).id() + " has " + abbreviate(first.toString()));
    });
    return judge(all, first);
  }

  /**
   * Judges a history that ends with final reads of every key (OK READs; a log key's read lists its
   * tokens), given the final value of each key.
   */
  Verifier judge(List<Op> all, Map<String, String> finalValues) {
    Map<String, List<Op>> byKey = History.byKey(all);
    for (String key : Workload.LOGS) checkLog(key, byKey.getOrDefault(key, List.of()), finalValues.get(key));
    for (String key : Workload.COUNTERS) checkCounter(key, byKey.getOrDefault(key, List.of()), finalValues.get(key));
    List<Op> registerOps = new ArrayList<>();
    for (String key : Workload.REGISTERS) {
      List<Op> ops = byKey.getOrDefault(key, List.of());
      registerOps.addAll(ops);
      checkRegister(key, ops);
    }
    LinearizabilityResult lin = LinearizabilityChecker.registers(SEARCH).check(registerOps);
    for (KeyResult k : lin.violations()) problems.add("not linearizable: " + k.violation().render(8));
    summary.append("registers linearizable: ").append(lin.verdict()).append('\n');
    return this;
  }

  private String readWithRetry(Member m, String key, boolean stale) {
    AtomicReference<String> value = new AtomicReference<>();
    await((stale ? "READONLY " : "") + "GET " + key + " on " + m.id()).atMost(Duration.ofSeconds(30))
        .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
          try (Jedis j = Probe.connect("127.0.0.1", m.port(), 10_000)) {
            if (stale) j.readonly();
            value.set(j.get(key));
            return true;
          }
        });
    return value.get();
  }

  private void checkLog(String key, List<Op> ops, String finalValue) {
    SetChecker.Result r = SetChecker.check(key, ops);
    summary.append(r.summary()).append('\n');
    if (!r.hasFinalRead()) problems.add(key + ": no final read");
    if (!r.lost().isEmpty()) problems.add(key + ": acknowledged APPENDs missing: " + r.lost());
    if (!r.unexpected().isEmpty()) problems.add(key + ": tokens nobody appended: " + r.unexpected());
    if (!r.resurrected().isEmpty()) problems.add(key + ": tokens of refused APPENDs present: " + r.resurrected());
    Map<String, Integer> seen = new HashMap<>();
    for (String t : tokens(finalValue)) seen.merge(t, 1, Integer::sum);
    List<String> twice = seen.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    if (!twice.isEmpty()) problems.add(key + ": tokens applied more than once: " + twice);
    if (finalValue != null && !finalValue.isEmpty() && !finalValue.endsWith(Workload.TOKEN_END)) {
      problems.add(key + ": malformed final value ..." + finalValue.substring(Math.max(0, finalValue.length() - 40)));
    }
  }

  private void checkCounter(String key, List<Op> ops, String finalValue) {
    CounterChecker.Result r = CounterChecker.check(key, ops);
    long value = finalValue == null ? 0 : Long.parseLong(finalValue);
    summary.append("counter ").append(key).append(": final ").append(value).append(", ").append(r.acknowledged())
        .append(" acknowledged INCRs, ").append(r.unknown()).append(" unknown, ").append(r.failed())
        .append(" refused\n");
    if (value < r.acknowledged() || value > (long) r.acknowledged() + r.unknown()) {
      problems.add(key + ": final count " + value + " outside [" + r.acknowledged() + ", "
          + (r.acknowledged() + r.unknown()) + "] (acknowledged, acknowledged + unknown INCRs)");
    }
    r.anomalies().stream().limit(10).forEach(a -> problems.add(key + ": " + a.describe()));
  }

  private void checkRegister(String key, List<Op> ops) {
    StaleReadDetector.Result r = StaleReadDetector.check(key, ops);
    summary.append("register ").append(key).append(": ").append(r.reads()).append(" reads, ")
        .append(r.stale().size()).append(" stale, ").append(r.unexplained().size()).append(" unexplained, ")
        .append(ops.stream().filter(o -> o.type() == OpType.WRITE && o.isOk()).count()).append(" acknowledged SETs\n");
    r.stale().stream().limit(10).forEach(s -> problems.add(key + ": stale read: " + s.describe()));
    r.unexplained().stream().limit(10)
        .forEach(o -> problems.add(key + ": read of a value nobody wrote: " + o.describe()));
  }

  /** At least one acknowledged write of each kind, else the checks above prove little. */
  Verifier requireAcknowledgedWrites(List<Op> history) {
    for (OpType t : List.of(OpType.ADD, OpType.INCR, OpType.WRITE)) {
      if (history.stream().noneMatch(o -> o.type() == t && o.isOk())) {
        problems.add("no acknowledged " + t.wireName() + " at all");
      }
    }
    return this;
  }

  static List<String> tokens(String value) {
    List<String> out = new ArrayList<>();
    if (value == null) return out;
    for (String t : value.split(Workload.TOKEN_END)) {
      if (!t.isEmpty()) out.add(t);
    }
    return out;
  }

  private static String abbreviate(String s) {
    if (s == null) return "nil";
    return s.length() <= 300 ? s : s.substring(0, 150) + " ... " + s.substring(s.length() - 150);
  }
}
