package io.kvstore.raft;

import io.kvstore.core.engine.Clock;

/** The system clock shifted by an adjustable offset (clock skew between nodes in tests). */
final class OffsetClock implements Clock {
  private volatile long offsetMs;

  @Override
  public long millis() {
    return System.currentTimeMillis() + offsetMs;
  }

  void shift(long ms) {
    offsetMs += ms;
  }
}
