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
  /** The replication share of the two above (stream and snapshots, both ways), also counted there. */
  public final java.util.concurrent.atomic.LongAdder netReplInputBytes = new java.util.concurrent.atomic.LongAdder();
  public final java.util.concurrent.atomic.LongAdder netReplOutputBytes = new java.util.concurrent.atomic.LongAdder();
  public volatile long totalErrorReplies;
  public volatile long syncFull;
  public volatile long syncPartialOk;
  public volatile long syncPartialErr;
  public volatile long dirty; // changes since last save
  public volatile long startNanos = System.nanoTime();
  /** SAVE / BGSAVE runs since the last reset (INFO rdb_saves). */
  public volatile long rdbSaves;
  /** Highest used memory seen by INFO (used_memory_peak). */
  public volatile long peakMemory;

  // ---- instantaneous metrics: like Redis, a ring of 16 samples taken at most every 100 ms ----
  private static final int SAMPLES = 16;
  private final long[][] samples = new long[3][SAMPLES];
  private int sampleIndex;
  private long lastSampleMs;
  private final long[] lastSampleValue = new long[3];

  /** Takes a sample of ops, input and output bytes (a cron, engine thread). */
  public synchronized void sample(long nowMs) {
    if (lastSampleMs == 0) {
      lastSampleMs = nowMs;
      lastSampleValue[0] = totalCommands;
      lastSampleValue[1] = netInputBytes.sum();
      lastSampleValue[2] = netOutputBytes.sum();
      return;
    }
    long elapsed = nowMs - lastSampleMs;
    if (elapsed < 100) return;
    long[] now = {totalCommands, netInputBytes.sum(), netOutputBytes.sum()};
    for (int m = 0; m < 3; m++) {
      samples[m][sampleIndex] = Math.max(0, (now[m] - lastSampleValue[m]) * 1000 / elapsed);
      lastSampleValue[m] = now[m];
    }
    sampleIndex = (sampleIndex + 1) % SAMPLES;
    lastSampleMs = nowMs;
  }

  private synchronized long instantaneous(int metric) {
    long sum = 0;
    for (long v : samples[metric]) sum += v;
    return sum / SAMPLES;
  }

  /** Commands per second over the last samples (INFO instantaneous_ops_per_sec). */
  public long instantaneousOps() {
    return instantaneous(0);
  }

  public long instantaneousInputBytesPerSec() {
    return instantaneous(1);
  }

  public long instantaneousOutputBytesPerSec() {
    return instantaneous(2);
  }

  // ---- error replies by code (INFO errorstats); Redis stops tracking new codes after 128 ----
  private final java.util.TreeMap<String, Long> errorCodes = new java.util.TreeMap<>();

  /** Counts one error reply under its code, the text up to the first space ("ERR", "WRONGTYPE"). */
  public synchronized void countError(String errorText) {
    int sp = errorText.indexOf(' ');
    String code = sp < 0 ? errorText : errorText.substring(0, sp);
    if (!errorCodes.containsKey(code) && errorCodes.size() >= 128) return;
    errorCodes.merge(code, 1L, Long::sum);
  }

  /** Error counts by code, sorted by code. */
  public synchronized java.util.Map<String, Long> errorCounts() {
    return new java.util.TreeMap<>(errorCodes);
  }

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
    netReplInputBytes.reset();
    netReplOutputBytes.reset();
    totalErrorReplies = 0;
    syncFull = 0;
    syncPartialOk = 0;
    syncPartialErr = 0;
    rdbSaves = 0;
    peakMemory = 0;
    synchronized (this) {
      errorCodes.clear();
      for (long[] m : samples) java.util.Arrays.fill(m, 0);
    }
  }
}
