package io.kvstore.core.replication;

/**
 * When a master frees its backlog: after {@code repl-backlog-ttl} seconds (0 = never) with no
 * replica attached. Only a top-level master frees it; a replica keeps its backlog so it can
 * serve PSYNCs if promoted.
 *
 * <p>Redis counts in whole seconds: the clock starts when the last replica detaches, when the
 * node is promoted and when a master restarts from stored replication info, and the backlog
 * goes once {@code now - since > ttl}.
 */
public final class BacklogPolicy {
  private long ttlSeconds;
  private long noReplicasSinceSec;

  public BacklogPolicy(long ttlSeconds, long nowMs) {
    this.ttlSeconds = ttlSeconds;
    this.noReplicasSinceSec = nowMs / 1000;
  }

  public void setTtlSeconds(long ttlSeconds) {
    this.ttlSeconds = ttlSeconds;
  }

  public long ttlSeconds() { return ttlSeconds; }

  /** The replica count just dropped to zero, or the node became a master. */
  public void markNoReplicas(long nowMs) {
    noReplicasSinceSec = nowMs / 1000;
  }

  public long noReplicasSinceSec() { return noReplicasSinceSec; }

  /** The once-a-second check of replicationCron. */
  public boolean shouldFree(long nowMs, int replicaCount, boolean hasBacklog, boolean isMaster) {
    if (replicaCount != 0 || ttlSeconds == 0 || !hasBacklog || !isMaster) return false;
    return nowMs / 1000 - noReplicasSinceSec > ttlSeconds;
  }
}
