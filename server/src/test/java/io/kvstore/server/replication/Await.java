package io.kvstore.server.replication;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds (replication is asynchronous); fails after 30 seconds. */
final class Await {
  private static final long LIMIT_MS = 30_000;

  private Await() {}

  static void until(BooleanSupplier condition, Supplier<String> what) {
    long deadline = System.nanoTime() + LIMIT_MS * 1_000_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what.get());
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what.get());
      }
    }
  }

  static void until(BooleanSupplier condition, String what) {
    until(condition, () -> what);
  }
}
