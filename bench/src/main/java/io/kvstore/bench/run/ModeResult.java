package io.kvstore.bench.run;

import io.kvstore.bench.check.Verdict;
import io.kvstore.bench.fault.FaultWindow;
import io.kvstore.bench.workload.LatencyLog;
import java.nio.file.Path;
import java.util.List;

/**
 * One row of the comparison and what backs it: the analysis of the consistency phase, the
 * throughput phase's latency log, the faults as they happened, and notes (a cluster that did not
 * settle, a mode that could not run at all: {@code error}).
 */
public record ModeResult(Mode mode, String cluster, String error, Analysis.Result analysis, List<FaultWindow> faults,
    LatencyLog consistency, LatencyLog capacity, LatencyLog throughput, String workload, List<String> notes,
    Path history, double seconds) {
  public ModeResult {
    faults = faults == null ? List.of() : List.copyOf(faults);
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  public static ModeResult failed(Mode mode, String cluster, String error, List<String> notes, double seconds) {
    return new ModeResult(mode, cluster, error, null, List.of(), null, null, null, null, notes, null, seconds);
  }

  public boolean ran() {
    return error == null && analysis != null;
  }

  /** The ways this row breaks what its mode promises (empty when it keeps them). */
  public List<String> brokenPromises() {
    if (!ran()) {
      return mode.isRaft() ? List.of("did not run: " + error) : List.of();
    }
    java.util.ArrayList<String> out = new java.util.ArrayList<>();
    if (mode.mustNotLose() && analysis.lostWrites() > 0) {
      out.add(analysis.lostWrites() + " acknowledged writes lost");
    }
    if (mode.mustBeLinearizable() && analysis.linearizable() == Verdict.NOT_LINEARIZABLE) {
      out.add("not linearizable");
    }
    return out;
  }

  /** Latency numbers: the throughput phase's open loop, else the consistency phase's. */
  public LatencyLog latencyLog() {
    return throughput != null && throughput.ok() > 0 ? throughput : consistency;
  }

  /** Successful operations per second at capacity (closed loop), else in the latency measurement. */
  public double opsPerSecond() {
    if (capacity != null && capacity.ok() > 0) {
      return capacity.okPerSecond();
    }
    LatencyLog l = latencyLog();
    return l == null ? 0 : l.okPerSecond();
  }
}
