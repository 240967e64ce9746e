package io.kvstore.bench.run;

import io.kvstore.bench.client.ClientPolicy;
import io.kvstore.bench.client.Endpoint;
import io.kvstore.bench.client.KvClient;
import io.kvstore.bench.client.Request;
import io.kvstore.bench.client.Router;
import io.kvstore.bench.cluster.AsyncCluster;
import io.kvstore.bench.cluster.Cluster;
import io.kvstore.bench.cluster.ExternalCluster;
import io.kvstore.bench.cluster.Launcher;
import io.kvstore.bench.cluster.Ports;
import io.kvstore.bench.cluster.Probe;
import io.kvstore.bench.cluster.RaftCluster;
import io.kvstore.bench.fault.Fault;
import io.kvstore.bench.fault.FaultInjector;
import io.kvstore.bench.fault.FaultSchedule;
import io.kvstore.bench.history.HistoryRecorder;
import io.kvstore.bench.history.HistoryWriter;
import io.kvstore.bench.history.Op;
import io.kvstore.bench.workload.CounterWorkload;
import io.kvstore.bench.workload.LatencyLog;
import io.kvstore.bench.workload.MixedWorkload;
import io.kvstore.bench.workload.OpenLoop;
import io.kvstore.bench.workload.RegisterWorkload;
import io.kvstore.bench.workload.SetWorkload;
import io.kvstore.bench.workload.Workload;
import io.kvstore.bench.workload.YcsbWorkload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Runs one mode from start to finish: starts its cluster, runs the consistency phase (register,
 * set and counter workloads together while the fault schedule plays), waits for the cluster to
 * settle, runs the final reads, runs the throughput phase (a YCSB mix, no faults), stops the
 * cluster and analyses the history. Any failure to run becomes a row with an error rather than
 * an exception, so one broken mode does not hide the others.
 */
public final class ModeRunner {
  private static final int FINAL_READ_ATTEMPTS = 20;

  private final BenchPlan plan;
  private final Launcher launcher;
  private final Path outDir;
  private final Progress progress;
  private final Ports ports = new Ports();

  public ModeRunner(BenchPlan plan, Launcher launcher, Path outDir, Progress progress) {
    this.plan = plan;
    this.launcher = launcher;
    this.outDir = outDir;
    this.progress = progress;
  }

  /** The fault schedule every mode meets. */
  public List<Fault> schedule() {
    return FaultSchedule.generate(plan.seed, plan.faults, plan.faultTiming());
  }

  Cluster cluster(Mode mode, Path dir) {
    Map<String, String> raft = new LinkedHashMap<>();
    raft.put("raft-timeout", Integer.toString(plan.raftTimeoutMs));
    switch (mode) {
      case ASYNC:
      case ASYNC_WAIT:
        return new AsyncCluster(dir, launcher, ports, new AsyncCluster.Settings(plan.downAfterMs,
            plan.failoverTimeoutMs, Map.of()));
      case ASYNC_MIN_REPLICAS:
        return new AsyncCluster(dir, launcher, ports, new AsyncCluster.Settings(plan.downAfterMs,
            plan.failoverTimeoutMs, Map.of("min-replicas-to-write", "1",
                "min-replicas-max-lag", Integer.toString(plan.minReplicasMaxLag))));
      case RAFT:
      case RAFT_STALE:
        raft.put("raft-read-mode", "linearizable");
        return new RaftCluster(dir, launcher, ports, new RaftCluster.Settings(raft));
      case RAFT_LEASE:
        raft.put("raft-read-mode", "lease");
        return new RaftCluster(dir, launcher, ports, new RaftCluster.Settings(raft));
      case EXTERNAL:
        List<HostAndPort> s = new ArrayList<>();
        for (String a : plan.sentinels) {
          s.add(HostAndPort.from(a));
        }
        return new ExternalCluster(s, plan.masterName);
      default:
        throw new IllegalArgumentException(mode.name());
    }
  }

  ClientPolicy policy(Mode mode) {
    return switch (mode) {
      case ASYNC_WAIT -> new ClientPolicy(1, plan.waitTimeoutMs, false, plan.opTimeoutMs);
      case RAFT_STALE -> new ClientPolicy(0, 0, true, plan.opTimeoutMs);
      default -> ClientPolicy.plain(plan.opTimeoutMs);
    };
  }

  /** A label for the table: the mode's, with the settings that define it. */
  public String label(Mode mode) {
    return switch (mode) {
      case ASYNC_WAIT -> "async + WAIT 1 " + plan.waitTimeoutMs + "ms";
      case ASYNC_MIN_REPLICAS -> "async + min-replicas 1 (lag " + plan.minReplicasMaxLag + "s)";
      default -> mode.label();
    };
  }

  public ModeResult run(Mode mode, int index, int count) {
    long began = System.nanoTime();
    String tag = String.format(Locale.ROOT, "[%d/%d %-18s]", index, count, mode.id());
    List<String> notes = new ArrayList<>();
    Path dir = outDir.resolve(mode.id());
    Cluster cluster;
    try {
      Files.createDirectories(dir);
      cluster = cluster(mode, dir.resolve("cluster"));
    } catch (Exception e) {
      return ModeResult.failed(mode, "", e.toString(), notes, seconds(began));
    }
    // Stop the cluster's processes even if the benchmark itself is interrupted.
    Thread hook = new Thread(cluster::close, "stop-cluster");
    Runtime.getRuntime().addShutdownHook(hook);
    try (Cluster c = cluster) {
      progress.note(tag + " starting " + c.describe());
      c.start();
      return phases(mode, tag, c, dir, notes, began);
    } catch (Exception e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage();
      progress.end();
      progress.note(tag + " failed: " + msg);
      return ModeResult.failed(mode, cluster.describe(), msg, notes, seconds(began));
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run
      }
    }
  }

  private ModeResult phases(Mode mode, String tag, Cluster c, Path dir, List<String> notes, long began)
      throws Exception {
    ClientPolicy policy = policy(mode);
    Path historyFile = dir.resolve("history.jsonl");
    List<Fault> schedule = c.supportsFaults() ? schedule() : List.of();
    Workload workload = new MixedWorkload(List.of(new RegisterWorkload(plan.registerKeys, plan.opsPerKey),
        new SetWorkload(), new CounterWorkload(plan.counters)), List.of(2, 1, 1));
    LatencyLog consistency;
    FaultInjector injector = new FaultInjector(c, schedule);
    List<Op> ops;
    try (HistoryRecorder recorder = new HistoryRecorder(HistoryWriter.create(historyFile), true);
        Router router = c.router()) {
      OpenLoop loop = new OpenLoop(new OpenLoop.Settings(plan.workers, plan.rate, plan.phaseMs * 1_000_000L,
          2L * plan.opTimeoutMs * 1_000_000L));
      long start = System.nanoTime() + 200_000_000L;
      consistency = new LatencyLog(start);
      injector.start(start);
      progress.begin(tag, "consistency", plan.phaseMs * 1_000_000L, () -> String.format(Locale.ROOT,
          "ops %d (%d failed, %d unknown) %s", loop.done(), loop.failed(), loop.unknown(),
          injector.current().isEmpty() ? "" : "fault: " + injector.current()));
      loop.run(start, workload, router, policy, recorder, consistency, plan.seed);
      injector.join();
      progress.end();
      c.heal();
      String health = c.awaitHealthy(Duration.ofSeconds(90));
      if (health != null) {
        notes.add("cluster not settled before the final reads: " + health);
        progress.note(tag + " warning: " + notes.get(notes.size() - 1));
      }
      finalReads(workload, router, recorder, notes);
      ops = recorder.ops();
    }
    LatencyLog[] perf = {null, null};
    String ycsb = null;
    if (plan.throughput) {
      YcsbWorkload y = new YcsbWorkload(plan.mix, plan.records, plan.valueSize);
      ycsb = y.name();
      perf = throughputPhase(tag, c, y, policy, notes);
    }
    progress.note(tag + " checking " + ops.size() + " operations");
    Analysis.Result a = Analysis.analyze(ops, injector.windows(), plan.budget());
    return new ModeResult(mode, c.describe(), null, a, injector.windows(), consistency, perf[0], perf[1], ycsb, notes,
        historyFile, seconds(began));
  }

  /** The set's and counters' final reads, each retried until one succeeds. */
  private void finalReads(Workload workload, Router router, HistoryRecorder recorder, List<String> notes) {
    ClientPolicy linearizable = ClientPolicy.plain(plan.opTimeoutMs * 2);
    try (KvClient client = new KvClient(1_000_000, 1_000_000, router, linearizable)) {
      for (Request r : workload.finalReads()) {
        boolean done = false;
        for (int attempt = 0; attempt < FINAL_READ_ATTEMPTS && !done; attempt++) {
          Op op = client.execute(r, recorder.nextIndex());
          recorder.record(op);
          done = op.isOk();
          if (!done) {
            Probe.pause(500);
          }
        }
        if (!done) {
          notes.add("final read of " + r.key() + " never succeeded");
        }
      }
    }
  }

  /** Capacity (closed loop) then latency (open loop at a fixed rate); either may be null on failure. */
  private LatencyLog[] throughputPhase(String tag, Cluster c, YcsbWorkload y, ClientPolicy policy, List<String> notes)
      throws InterruptedException {
    LatencyLog[] out = {null, null};
    try (Router router = c.router()) {
      preload(router, y);
      out[0] = drive(tag, y.name() + " capacity", OpenLoop.Settings.closed(plan.capacityWorkers,
          plan.capacityMs * 1_000_000L), y, router, policy, plan.seed + 1);
      out[1] = drive(tag, y.name() + " " + Math.round(plan.throughputRate) + "/s", new OpenLoop.Settings(
          plan.throughputWorkers, plan.throughputRate, plan.throughputMs * 1_000_000L,
          2L * plan.opTimeoutMs * 1_000_000L), y, router, policy, plan.seed + 2);
    } catch (RuntimeException e) {
      progress.end();
      notes.add("throughput phase failed: " + e.getMessage());
    }
    return out;
  }

  private LatencyLog drive(String tag, String phase, OpenLoop.Settings s, Workload w, Router router,
      ClientPolicy policy, long seed) throws InterruptedException {
    OpenLoop loop = new OpenLoop(s);
    long start = System.nanoTime() + 100_000_000L;
    LatencyLog log = new LatencyLog(start);
    progress.begin(tag, phase, s.durationNanos(), () -> String.format(Locale.ROOT, "ops %d (%d failed, %d unknown)",
        loop.done(), loop.failed(), loop.unknown()));
    loop.run(start, w, router, policy, null, log, seed);
    progress.end();
    return log;
  }

  /** Writes every YCSB record once, pipelined, through the first endpoint the router gives. */
  private void preload(Router router, YcsbWorkload y) {
    Endpoint ep = router.endpoint(0);
    if (ep == null) {
      throw new IllegalStateException("no endpoint to preload through");
    }
    try (Jedis j = Probe.connect(ep.host(), ep.port(), 10_000)) {
      Pipeline p = j.pipelined();
      for (int i = 0; i < y.records(); i++) {
        p.set(YcsbWorkload.key(i), y.value());
        if (i % 200 == 199) {
          p.sync();
        }
      }
      p.sync();
    }
  }

  private static double seconds(long began) {
    return (System.nanoTime() - began) / 1e9;
  }
}
