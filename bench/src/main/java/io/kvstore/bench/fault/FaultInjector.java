package io.kvstore.bench.fault;

import io.kvstore.bench.cluster.Cluster;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Plays a fault schedule against a cluster on its own thread: at each fault's time it asks the
 * cluster which member leads, faults that member, and undoes the fault when its time is up
 * (restart after a kill, SIGCONT after a pause, heal after a partition). What really happened
 * (target, start, end) is kept as {@link FaultWindow}s for the checks and the report.
 */
public final class FaultInjector {
  private static final long FIND_TARGET_NANOS = 5_000_000_000L;

  private final Cluster cluster;
  private final List<Fault> schedule;
  private final List<FaultWindow> windows = new ArrayList<>();
  private volatile String current = "";
  private Thread thread;

  public FaultInjector(Cluster cluster, List<Fault> schedule) {
    this.cluster = cluster;
    this.schedule = List.copyOf(schedule);
  }

  /** Starts playing; fault times count from {@code phaseStartNs}. */
  public void start(long phaseStartNs) {
    thread = new Thread(() -> play(phaseStartNs), "fault-injector");
    thread.setDaemon(true);
    thread.start();
  }

  /** What is being done now, for the progress line ("" when no fault is active). */
  public String current() {
    return current;
  }

  /** Waits for the schedule to finish (it ends before the phase does). */
  public void join() throws InterruptedException {
    if (thread != null) {
      thread.join();
    }
  }

  public synchronized List<FaultWindow> windows() {
    return List.copyOf(windows);
  }

  private void play(long phaseStartNs) {
    for (Fault f : schedule) {
      if (!sleepUntil(phaseStartNs + f.atMs() * 1_000_000L)) {
        return;
      }
      String target = findTarget();
      long start = System.nanoTime();
      if (target == null) {
        add(new FaultWindow(f.kind(), null, start, start, "skipped: no leading member found"));
        continue;
      }
      current = f.kind().wireName() + " " + target;
      String note = null;
      try {
        apply(f.kind(), target);
      } catch (RuntimeException e) {
        note = "could not inject: " + e.getMessage();
      }
      start = System.nanoTime();
      int idx = add(new FaultWindow(f.kind(), target, start, 0, note));
      boolean onTime = sleepUntil(phaseStartNs + f.endMs() * 1_000_000L);
      String undoNote = undo(f.kind(), target);
      long end = System.nanoTime();
      synchronized (this) {
        windows.set(idx, windows.get(idx).ended(end, undoNote));
      }
      current = "";
      if (!onTime) {
        return;
      }
    }
  }

  private String findTarget() {
    long deadline = System.nanoTime() + FIND_TARGET_NANOS;
    while (true) {
      String p = cluster.primary();
      if (p != null || System.nanoTime() > deadline) {
        return p;
      }
      LockSupport.parkNanos(200_000_000L);
    }
  }

  private void apply(FaultKind kind, String target) {
    switch (kind) {
      case KILL -> cluster.kill(target);
      case PAUSE -> cluster.pause(target);
      case PARTITION -> cluster.isolate(target);
      default -> throw new IllegalArgumentException(kind.name());
    }
  }

  private String undo(FaultKind kind, String target) {
    try {
      switch (kind) {
        case KILL -> cluster.restart(target);
        case PAUSE -> cluster.resume(target);
        case PARTITION -> cluster.heal();
        default -> throw new IllegalArgumentException(kind.name());
      }
      return null;
    } catch (Exception e) {
      return "could not undo: " + e.getMessage();
    }
  }

  private synchronized int add(FaultWindow w) {
    windows.add(w);
    return windows.size() - 1;
  }

  private static boolean sleepUntil(long ns) {
    while (true) {
      long left = ns - System.nanoTime();
      if (left <= 0) {
        return true;
      }
      LockSupport.parkNanos(left);
      if (Thread.currentThread().isInterrupted()) {
        return false;
      }
    }
  }
}
