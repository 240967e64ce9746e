package io.kvstore.persistence;

import java.util.function.BooleanSupplier;

/**
 * The {@code appendfsync everysec} thread: once a second, if the policy (read each time, it can
 * change at runtime) says so and something was committed since the last sync, it fsyncs the
 * WAL. RocksDB allows SyncWAL concurrently with writes, so the engine thread never waits for
 * it. A daemon thread, stopped (and joined) before the database is closed.
 */
final class WalSyncer {
  /** Runs one sync when due; returns normally or throws. */
  interface SyncAction {
    void syncIfDue() throws Exception;
  }

  private static final long PERIOD_MS = 1000;

  private final Thread thread;
  private final SyncAction action;
  private final BooleanSupplier enabled;
  private final Object lock = new Object();
  private boolean stopped;

  WalSyncer(String name, BooleanSupplier enabled, SyncAction action) {
    this.enabled = enabled;
    this.action = action;
    this.thread = new Thread(this::run, name);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    while (true) {
      synchronized (lock) {
        long deadline = System.nanoTime() + PERIOD_MS * 1_000_000;
        long left;
        while (!stopped && (left = deadline - System.nanoTime()) > 0) {
          try {
            lock.wait(Math.max(1, left / 1_000_000));
          } catch (InterruptedException e) {
            stopped = true;
          }
        }
        if (stopped) return;
      }
      if (!enabled.getAsBoolean()) continue;
      try {
        action.syncIfDue();
      } catch (Exception e) {
        System.err.println("WAL sync failed: " + e);
      }
    }
  }

  /** Stops the thread and waits for a sync in progress to finish. */
  void stop() {
    synchronized (lock) {
      stopped = true;
      lock.notifyAll();
    }
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }
}
