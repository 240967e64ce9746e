package io.kvstore.bench.run;

import java.util.Locale;

/**
 * The table's rows: the ways of running kvstore that the benchmark compares. The three async
 * rows share one cluster shape (master, two replicas, three Sentinels) and differ in what the
 * client or the master insists on; the three raft rows share a three-node group and differ in
 * how reads are served.
 */
public enum Mode {
  ASYNC("async", "async (Sentinel failover)"),
  ASYNC_WAIT("async-wait", "async + WAIT 1 after writes"),
  ASYNC_MIN_REPLICAS("async-min-replicas", "async + min-replicas-to-write 1"),
  RAFT("raft", "raft (linearizable reads)"),
  RAFT_LEASE("raft-lease", "raft (lease reads)"),
  RAFT_STALE("raft-stale", "raft (stale reads)"),
  EXTERNAL("external", "external target (Sentinel)");

  private final String id;
  private final String label;

  Mode(String id, String label) {
    this.id = id;
    this.label = label;
  }

  public String id() {
    return id;
  }

  public String label() {
    return label;
  }

  public boolean isRaft() {
    return this == RAFT || this == RAFT_LEASE || this == RAFT_STALE;
  }

  /** Raft must never lose an acknowledged write. */
  public boolean mustNotLose() {
    return isRaft();
  }

  /** Raft with linearizable or lease reads must be linearizable; stale reads are stale by design. */
  public boolean mustBeLinearizable() {
    return this == RAFT || this == RAFT_LEASE;
  }

  public static Mode parse(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    for (Mode m : values()) {
      if (m.id.equals(t)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown mode '" + s + "' (one of async, async-wait, async-min-replicas,"
        + " raft, raft-lease, raft-stale)");
  }
}
