package io.kvstore.bench.run;

import io.kvstore.bench.check.Budget;
import io.kvstore.bench.fault.FaultKind;
import io.kvstore.bench.fault.FaultSchedule;
import io.kvstore.bench.workload.YcsbWorkload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one benchmark run does, filled from a profile ({@link #full()} or {@link #quick()})
 * and then from command-line overrides. A plain settings holder: public fields, no behaviour
 * beyond the derived values below.
 */
public final class BenchPlan {
  public String profile;
  public List<Mode> modes = new ArrayList<>();
  public long seed = 1;

  // consistency phase: register + set + counter workloads under faults
  public long phaseMs;
  public int workers;
  public double rate;
  public List<FaultKind> faults = new ArrayList<>(List.of(FaultKind.PARTITION, FaultKind.KILL, FaultKind.PAUSE));
  public long warmupMs;
  public long settleMs;
  public long minFaultMs;
  public long maxFaultMs;
  public long minGapMs;
  public long maxGapMs;
  public int registerKeys = 4;
  public int opsPerKey = 100;
  public int counters = 2;

  // throughput phase: YCSB mix without faults; capacity (closed loop), then latency at a fixed rate
  public boolean throughput = true;
  public long capacityMs;
  public int capacityWorkers = 16;
  public YcsbWorkload.Mix mix = YcsbWorkload.Mix.A;
  public int records = 1000;
  public int valueSize = 100;
  public long throughputMs;
  public int throughputWorkers;
  public double throughputRate;

  // cluster and client
  public int opTimeoutMs = 2000;
  public int waitTimeoutMs = 500;
  public int minReplicasMaxLag = 2;
  public int downAfterMs = 1500;
  public int failoverTimeoutMs = 10_000;
  public int raftTimeoutMs = 1500;
  public Duration checkTimeoutPerKey = Duration.ofSeconds(10);
  public long checkStepsPerKey = 20_000_000L;

  // external target
  public List<String> sentinels = new ArrayList<>();
  public String masterName = "mymaster";

  /** The committed report's profile: all six modes, about two minutes each. */
  public static BenchPlan full() {
    BenchPlan p = new BenchPlan();
    p.profile = "full";
    p.modes = new ArrayList<>(List.of(Mode.ASYNC, Mode.ASYNC_WAIT, Mode.ASYNC_MIN_REPLICAS, Mode.RAFT, Mode.RAFT_LEASE,
        Mode.RAFT_STALE));
    p.phaseMs = 90_000;
    p.workers = 16;
    p.rate = 100;
    p.warmupMs = 5_000;
    p.settleMs = 10_000;
    p.minFaultMs = 6_000;
    p.maxFaultMs = 10_000;
    p.minGapMs = 6_000;
    p.maxGapMs = 10_000;
    p.capacityMs = 10_000;
    p.throughputMs = 20_000;
    p.throughputWorkers = 8;
    p.throughputRate = 100;
    return p;
  }

  /** The CI profile: async against raft and raft with lease reads, one fault of each kind. */
  public static BenchPlan quick() {
    BenchPlan p = new BenchPlan();
    p.profile = "quick";
    p.modes = new ArrayList<>(List.of(Mode.ASYNC, Mode.RAFT, Mode.RAFT_LEASE));
    p.phaseMs = 40_000;
    p.workers = 12;
    p.rate = 60;
    p.warmupMs = 3_000;
    p.settleMs = 6_000;
    p.minFaultMs = 5_000;
    p.maxFaultMs = 6_000;
    p.minGapMs = 5_000;
    p.maxGapMs = 6_000;
    p.capacityMs = 4_000;
    p.throughputMs = 6_000;
    p.throughputWorkers = 8;
    p.throughputRate = 100;
    return p;
  }

  public FaultSchedule.Settings faultTiming() {
    return new FaultSchedule.Settings(phaseMs, warmupMs, settleMs, minFaultMs, maxFaultMs, minGapMs, maxGapMs);
  }

  public Budget budget() {
    return new Budget(checkStepsPerKey, Budget.DEFAULT.maxCachedWords(), checkTimeoutPerKey);
  }
}
