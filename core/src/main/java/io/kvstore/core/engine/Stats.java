package io.kvstore.core.engine;

/** Server counters INFO stats reports; engine-thread writes, any-thread reads. */
public final class Stats {
  public volatile long totalConnections;
  public volatile long totalCommands;
  public volatile long rejectedConnections;
  public volatile long expiredKeys;
  public volatile long evictedKeys;
  public volatile long keyspaceHits;
  public volatile long keyspaceMisses;
  /** Counted on I/O threads. */
  public final java.util.concurrent.atomic.LongAdder netInputBytes = new java.util.concurrent.atomic.LongAdder();
  public final java.util.concurrent.atomic.LongAdder netOutputBytes = new java.util.concurrent.atomic.LongAdder();
  public volatile long totalErrorReplies;
  public volatile long syncFull;
  public volatile long syncPartialOk;
  public volatile long syncPartialErr;
  public volatile long dirty; // changes since last save
  public volatile long startNanos = System.nanoTime();

  public void reset() {
    totalConnections = 0;
    totalCommands = 0;
    rejectedConnections = 0;
    expiredKeys = 0;
    evictedKeys = 0;
    keyspaceHits = 0;
    keyspaceMisses = 0;
    netInputBytes.reset();
    netOutputBytes.reset();
    totalErrorReplies = 0;
    syncFull = 0;
    syncPartialOk = 0;
    syncPartialErr = 0;
  }
}
