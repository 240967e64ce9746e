package io.kvstore.it.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.bench.history.Op;
import io.kvstore.bench.history.OpType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fault tests' verdicts on hand-made histories: a consistent one passes, and each kind of
 * anomaly the fault tests look for is reported (so those tests can fail).
 */
class RaftVerifierTest {
  private final List<Op> ops = new ArrayList<>();
  private final Map<String, String> finals = new HashMap<>();
  private long clock = 1_000;
  private long index;

  private Op ok(OpType type, String key, String value, String result) {
    Op op = Op.invoke(index++, 1, type, key, value, clock++).ok(clock++, result);
    ops.add(op);
    return op;
  }

  private void info(OpType type, String key, String value) {
    ops.add(Op.invoke(index++, 1, type, key, value, clock++).info(clock++, "UNKNOWN"));
  }

  private void refused(OpType type, String key, String value) {
    ops.add(Op.invoke(index++, 1, type, key, value, clock++).fail(clock++, "CLUSTERDOWN"));
  }

  /** Final reads of every key: logs hold their tokens, counters and registers their values. */
  private List<String> judge(Map<String, String> values) {
    clock += 100;
    for (String key : Workload.LOGS) {
      String v = values.get(key);
      ops.add(Op.invoke(index++, 9, OpType.READ, key, null, clock++).okValues(clock++, Verifier.tokens(v)));
      finals.put(key, v);
    }
    for (String key : Workload.COUNTERS) {
      ops.add(Op.invoke(index++, 9, OpType.READ, key, null, clock++).ok(clock++, values.get(key)));
      finals.put(key, values.get(key));
    }
    for (String key : Workload.REGISTERS) {
      ops.add(Op.invoke(index++, 9, OpType.READ, key, null, clock++).ok(clock++, values.get(key)));
      finals.put(key, values.get(key));
    }
    return new Verifier().requireAcknowledgedWrites(ops).judge(ops, finals).problems();
  }

  private void consistentWrites() {
    ok(OpType.ADD, "log:0", "t1.1", null);
    info(OpType.ADD, "log:0", "t1.2");
    refused(OpType.ADD, "log:0", "t1.3");
    ok(OpType.INCR, "ctr:0", null, "1");
    info(OpType.INCR, "ctr:0", null);
    ok(OpType.WRITE, "reg:0", "v1", "OK");
    ok(OpType.READ, "reg:0", null, "v1");
  }

  private Map<String, String> consistentFinals() {
    Map<String, String> v = new HashMap<>();
    v.put("log:0", "t1.1,t1.2,");
    v.put("ctr:0", "2");
    v.put("reg:0", "v1");
    return v;
  }

  @Test
  void aConsistentHistoryPasses() {
    consistentWrites();
    assertThat(judge(consistentFinals())).isEmpty();
  }

  @Test
  void anAcknowledgedAppendMissingIsReported() {
    consistentWrites();
    Map<String, String> v = consistentFinals();
    v.put("log:0", "t1.2,");
    assertThat(judge(v)).anyMatch(p -> p.contains("acknowledged APPENDs missing") && p.contains("t1.1"));
  }

  @Test
  void aTokenAppliedTwiceIsReported() {
    consistentWrites();
    Map<String, String> v = consistentFinals();
    v.put("log:0", "t1.1,t1.2,t1.2,");
    assertThat(judge(v)).anyMatch(p -> p.contains("more than once") && p.contains("t1.2"));
  }

  @Test
  void aRefusedAppendThatWasAppliedIsReported() {
    consistentWrites();
    Map<String, String> v = consistentFinals();
    v.put("log:0", "t1.1,t1.3,");
    assertThat(judge(v)).anyMatch(p -> p.contains("refused APPENDs present") && p.contains("t1.3"));
  }

  @Test
  void countersOutsideAcknowledgedPlusUnknownAreReported() {
    consistentWrites();
    Map<String, String> low = consistentFinals();
    low.put("ctr:0", "0");
    assertThat(judge(low)).anyMatch(p -> p.contains("ctr:0: final count 0 outside [1, 2]"));
  }

  @Test
  void countersAboveAcknowledgedPlusUnknownAreReported() {
    consistentWrites();
    Map<String, String> high = consistentFinals();
    high.put("ctr:0", "3");
    assertThat(judge(high)).anyMatch(p -> p.contains("ctr:0: final count 3 outside [1, 2]"));
  }

  @Test
  void aReadOlderThanAnAcknowledgedWriteIsReported() {
    consistentWrites();
    ok(OpType.WRITE, "reg:0", "v2", "OK");
    ok(OpType.READ, "reg:0", null, "v1"); // began after v2 was acknowledged
    Map<String, String> v = consistentFinals();
    v.put("reg:0", "v2");
    assertThat(judge(v)).anyMatch(p -> p.contains("reg:0: stale read"));
  }

  @Test
  void noAcknowledgedWriteAtAllIsReported() {
    refused(OpType.ADD, "log:0", "t1.1");
    assertThat(judge(new HashMap<>())).anyMatch(p -> p.contains("no acknowledged add"));
  }
}
