package io.kvstore.bench.workload;

import io.kvstore.bench.history.Op;
import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * Latencies of one phase, each measured from the operation's intended start (its slot in the
 * open-loop schedule), so time spent waiting behind a slow operation counts — no coordinated
 * omission. Keeps a histogram of successful operations and every operation's (start, latency,
 * outcome) for plots. Thread-safe.
 */
public final class LatencyLog {
  /** Outcome codes of {@link #outcomes()}. */
  public static final byte OK = 0;
  public static final byte FAIL = 1;
  public static final byte INFO = 2;

  private final long originNs;
  private final Histogram okHistogram = new Histogram(3_600_000_000L, 3);
  private long[] starts = new long[1024];
  private long[] latencies = new long[1024];
  private byte[] outcomes = new byte[1024];
  private boolean[] writes = new boolean[1024];
  private int size;
  private long ok;
  private long failed;
  private long unknown;
  private long firstStart = Long.MAX_VALUE;
  private long lastEnd = Long.MIN_VALUE;

  /** {@code originNs}: the run's time zero on the {@link System#nanoTime()} clock. */
  public LatencyLog(long originNs) {
    this.originNs = originNs;
  }

  public long originNs() {
    return originNs;
  }

  public synchronized void record(long intendedNs, Op op, boolean write) {
    long latency = Math.max(0, op.completeNs() - intendedNs);
    byte code = op.isOk() ? OK : op.isFail() ? FAIL : INFO;
    if (size == starts.length) {
      int n = size * 2;
      starts = Arrays.copyOf(starts, n);
      latencies = Arrays.copyOf(latencies, n);
      outcomes = Arrays.copyOf(outcomes, n);
      writes = Arrays.copyOf(writes, n);
    }
    starts[size] = intendedNs - originNs;
    latencies[size] = latency;
    outcomes[size] = code;
    writes[size] = write;
    size++;
    firstStart = Math.min(firstStart, intendedNs);
    lastEnd = Math.max(lastEnd, op.completeNs());
    switch (code) {
      case OK -> {
        ok++;
        okHistogram.recordValue(Math.max(1, latency / 1000));
      }
      case FAIL -> failed++;
      default -> unknown++;
    }
  }

  public synchronized int size() {
    return size;
  }

  public synchronized long ok() {
    return ok;
  }

  public synchronized long failed() {
    return failed;
  }

  public synchronized long unknown() {
    return unknown;
  }

  /** Successful operations per second over the span from the first intended start to the last reply. */
  public synchronized double okPerSecond() {
    if (size == 0 || lastEnd <= firstStart) {
      return 0;
    }
    return ok / ((lastEnd - firstStart) / 1e9);
  }

  /** The latency (ms) at {@code percentile} of successful operations, 0 when none. */
  public synchronized double percentileMs(double percentile) {
    return ok == 0 ? 0 : okHistogram.getValueAtPercentile(percentile) / 1000.0;
  }

  public synchronized double maxMs() {
    return ok == 0 ? 0 : okHistogram.getMaxValue() / 1000.0;
  }

  /** Intended starts, ns from the origin, in recording order. */
  public synchronized long[] starts() {
    return Arrays.copyOf(starts, size);
  }

  public synchronized long[] latencies() {
    return Arrays.copyOf(latencies, size);
  }

  public synchronized byte[] outcomes() {
    return Arrays.copyOf(outcomes, size);
  }

  public synchronized boolean[] writes() {
    return Arrays.copyOf(writes, size);
  }
}
