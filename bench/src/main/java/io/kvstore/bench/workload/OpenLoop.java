package io.kvstore.bench.workload;

import io.kvstore.bench.client.ClientPolicy;
import io.kvstore.bench.client.KvClient;
import io.kvstore.bench.client.Request;
import io.kvstore.bench.client.Router;
import io.kvstore.bench.history.HistoryRecorder;
import io.kvstore.bench.history.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives a workload on a rate-limited open-loop schedule: {@code workers} client processes, each
 * with its own connection, together offering {@code rate} operations per second. Worker w's k-th
 * operation is due at {@code start + (k + w / workers) * period}; a worker that falls behind
 * (a slow or timed-out operation) runs its overdue operations back to back, and each one's
 * latency is measured from when it was due. Schedules are fixed in advance, so every mode is
 * offered the same load at the same times.
 *
 * <p>With an infinite rate the loop is closed instead: each worker sends its next operation as
 * soon as the previous reply arrived, which measures capacity (latencies then exclude queueing).
 *
 * <p>The run ends at {@code start + duration}; overdue operations still queued then are given
 * {@code drainNanos} more and the rest are dropped (never sent, so absent from the history).
 */
public final class OpenLoop {
  /** Load shape; an infinite rate makes a closed loop (each worker sends as soon as its last reply came). */
  public record Settings(int workers, double rate, long durationNanos, long drainNanos) {
    public Settings {
      if (workers < 1 || rate <= 0 || durationNanos <= 0) {
        throw new IllegalArgumentException("workers, rate and duration must be positive");
      }
    }

    public static Settings closed(int workers, long durationNanos) {
      return new Settings(workers, Double.POSITIVE_INFINITY, durationNanos, 0);
    }

    public boolean isClosed() {
      return Double.isInfinite(rate);
    }
  }

  private final Settings settings;
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong unknown = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  public OpenLoop(Settings settings) {
    this.settings = settings;
  }

  /** Operations finished so far (any outcome). */
  public long done() {
    return done.get();
  }

  public long unknown() {
    return unknown.get();
  }

  public long failed() {
    return failed.get();
  }

  /**
   * Runs the schedule from {@code startNs} (on the {@link System#nanoTime()} clock) and returns
   * when every worker has finished. {@code recorder} may be null (operations not recorded).
   */
  public void run(long startNs, Workload workload, Router router, ClientPolicy policy, HistoryRecorder recorder,
      LatencyLog log, long seed) throws InterruptedException {
    int n = settings.workers();
    boolean closed = settings.isClosed();
    double periodNs = closed ? 0 : n * 1e9 / settings.rate();
    long endNs = startNs + settings.durationNanos();
    long giveUpNs = endNs + settings.drainNanos();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < n; w++) {
      int worker = w;
      SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + w);
      Thread t = new Thread(() -> {
        Workload.Memory memory = new Workload.Memory();
        try (KvClient client = new KvClient(worker, n, router, policy)) {
          for (long k = 0; ; k++) {
            long now = System.nanoTime();
            long due = closed ? Math.max(now, startNs) : startNs + (long) ((k + (double) worker / n) * periodNs);
            if (due >= endNs) {
              return;
            }
            if (now > giveUpNs) {
              return;
            }
            if (due > now) {
              LockSupport.parkNanos(due - now);
              if (Thread.currentThread().isInterrupted()) {
                return;
              }
            }
            Request r = workload.next(rng, memory);
            boolean recorded = recorder != null && r.family() != Request.Family.KV;
            Op op = client.execute(r, recorded ? recorder.nextIndex() : -1);
            workload.observe(op, memory);
            if (recorded) {
              recorder.record(op);
            }
            if (log != null) {
              log.record(due, op, r.isWrite());
            }
            done.incrementAndGet();
            if (op.isInfo()) {
              unknown.incrementAndGet();
            } else if (op.isFail()) {
              failed.incrementAndGet();
            }
          }
        }
      }, "worker-" + w);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    try {
      for (Thread t : threads) {
        t.join();
      }
    } catch (InterruptedException e) {
      for (Thread t : threads) {
        t.interrupt();
      }
      throw e;
    }
  }
}
