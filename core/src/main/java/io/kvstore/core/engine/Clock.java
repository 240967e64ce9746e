package io.kvstore.core.engine;

/** Time as the engine sees it; injected so expiry and TTL logic is deterministic in tests. */
public interface Clock {
  /** Unix time in milliseconds. */
  long millis();

  /** Monotonic nanoseconds for measuring durations. */
  default long nanos() {
    return System.nanoTime();
  }

  Clock SYSTEM = System::currentTimeMillis;
}
