package io.kvstore.core.engine;

/** A clock tests move by hand. */
public final class ManualClock implements Clock {
  private volatile long now;

  public ManualClock(long startMillis) {
    this.now = startMillis;
  }

  @Override
  public long millis() {
    return now;
  }

  @Override
  public long nanos() {
    return now * 1_000_000L;
  }

  public void advance(long ms) {
    now += ms;
  }

  public void set(long ms) {
    now = ms;
  }
}
