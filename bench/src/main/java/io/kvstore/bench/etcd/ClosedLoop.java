package io.kvstore.bench.etcd;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop step: {@code clients} threads, each with its own session, issue one synchronous
 * operation after another on uniformly random keys for a warm-up and then a measured window.
 * Only operations that start and finish inside the window count, for throughput and for the
 * latency histogram (microseconds, auto-resizing so 256 clients stay small); a failed operation counts as an error and its client pauses
 * briefly before the next one. Sessions are opened before the clock starts.
 */
public final class ClosedLoop {
  /** What each operation does. */
  public enum Op {
    WRITE("write"), READ("read");

    final String label;

    Op(String label) {
      this.label = label;
    }
  }

  private static final long ERROR_PAUSE_MS = 10;

  private final Target target;
  private final KeySpace keys;
  private final LongSupplier nanoClock;
  private final AtomicReference<String> firstError = new AtomicReference<>();

  public ClosedLoop(Target target, KeySpace keys) {
    this(target, keys, System::nanoTime);
  }

  ClosedLoop(Target target, KeySpace keys, LongSupplier nanoClock) {
    this.target = target;
    this.keys = keys;
    this.nanoClock = nanoClock;
  }

  /** The first failure seen by any step, for the log (null when none). */
  public String firstError() {
    return firstError.get();
  }

  public StepResult run(Op op, int clients, long warmupNanos, long measureNanos, long seed) throws Exception {
    if (clients < 1) throw new IllegalArgumentException("clients must be positive");
    List<Target.Session> sessions = new ArrayList<>();
    try {
      for (int i = 0; i < clients; i++) sessions.add(target.open(i));
      CountDownLatch ready = new CountDownLatch(clients);
      CountDownLatch go = new CountDownLatch(1);
      long[] window = new long[2];
      Worker[] workers = new Worker[clients];
      Thread[] threads = new Thread[clients];
      for (int i = 0; i < clients; i++) {
        workers[i] = new Worker(op, sessions.get(i), new SplittableRandom(seed * 1_000_003L + i), window, ready, go);
        threads[i] = new Thread(workers[i], target.name() + "-" + op.label + "-" + i);
        threads[i].setDaemon(true);
        threads[i].start();
      }
      ready.await();
      long start = nanoClock.getAsLong();
      window[0] = start + warmupNanos;
      window[1] = window[0] + measureNanos;
      go.countDown();
      for (Thread t : threads) t.join();
      Histogram all = new Histogram(3);
      long ops = 0;
      long errors = 0;
      for (Worker w : workers) {
        all.add(w.histogram);
        ops += w.ops;
        errors += w.errors;
      }
      return new StepResult(target.name(), op.label, clients, measureNanos / 1e9, ops, errors,
          ops == 0 ? 0 : all.getValueAtPercentile(50), ops == 0 ? 0 : all.getValueAtPercentile(99));
    } finally {
      for (Target.Session s : sessions) s.close();
    }
  }

  /** One simulated client. The window is written before {@code go} opens, so it is visible here. */
  private final class Worker implements Runnable {
    final Op op;
    final Target.Session session;
    final SplittableRandom random;
    final long[] window;
    final CountDownLatch ready;
    final CountDownLatch go;
    final Histogram histogram = new Histogram(3);
    long ops;
    long errors;

    Worker(Op op, Target.Session session, SplittableRandom random, long[] window, CountDownLatch ready,
        CountDownLatch go) {
      this.op = op;
      this.session = session;
      this.random = random;
      this.window = window;
      this.ready = ready;
      this.go = go;
    }

    @Override
    public void run() {
      ready.countDown();
      try {
        go.await();
      } catch (InterruptedException e) {
        return;
      }
      long from = window[0];
      long to = window[1];
      byte[] value = keys.value();
      while (true) {
        long t0 = nanoClock.getAsLong();
        if (t0 >= to) return;
        byte[] key = keys.randomKey(random);
        String failure = null;
        try {
          if (op == Op.WRITE) {
            session.put(key, value);
          } else if (!keys.isValue(session.get(key))) {
            failure = "read of " + new String(key, java.nio.charset.StandardCharsets.US_ASCII)
                + " did not return the value written";
          }
        } catch (Exception e) {
          failure = e.toString();
        }
        long t1 = nanoClock.getAsLong();
        boolean counted = t0 >= from && t1 <= to;
        if (failure != null) {
          if (counted) errors++;
          firstError.compareAndSet(null, failure);
          pause();
        } else if (counted) {
          ops++;
          histogram.recordValue(Math.max(1, (t1 - t0) / 1000));
        }
      }
    }

    private void pause() {
      try {
        Thread.sleep(ERROR_PAUSE_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
