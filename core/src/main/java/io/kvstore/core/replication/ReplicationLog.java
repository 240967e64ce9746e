package io.kvstore.core.replication;

/**
 * A node's replication history as a whole: its {@link ReplicationIds}, its {@link Backlog} (or
 * none) and the backlog's lifetime. Owns the rules that tie them together:
 * <ul>
 *   <li>{@link #feed}: stream bytes go to the backlog and advance {@code master_repl_offset}
 *       only while a backlog exists (Redis 7.0 counts nothing without one);
 *   <li>the first replica asking for a full sync creates the backlog, and since no one shares
 *       the history produced without one, the node takes a new replid and clears replid2;
 *   <li>freeing the backlog after the TTL also takes a new replid and clears replid2, so a
 *       future PSYNC cannot wrongly continue across writes that were never counted;
 *   <li>a replica creates its backlog after loading a full sync or on {@code +CONTINUE}.
 * </ul>
 */
public final class ReplicationLog {
  private final ReplicationIds ids;
  private final BacklogPolicy policy;
  private long configuredSize;
  private Backlog backlog;

  public ReplicationLog(ReplicationIds ids, long backlogSize, BacklogPolicy policy) {
    this.ids = ids;
    this.configuredSize = backlogSize;
    this.policy = policy;
  }

  public ReplicationIds ids() { return ids; }
  public BacklogPolicy policy() { return policy; }

  /** The backlog, or null when there is none. */
  public Backlog backlog() { return backlog; }

  /** repl_backlog_size as INFO shows it (the configured value, at least 16 KB). */
  public long backlogSize() { return Backlog.effectiveSize(configuredSize); }

  /** Appends stream bytes; returns false (nothing counted) when there is no backlog. */
  public boolean feed(byte[] bytes) {
    if (backlog == null) return false;
    backlog.append(bytes);
    ids.advance(bytes.length);
    return true;
  }

  /**
   * A replica was just added for a full sync; {@code replicaCount} includes it. Returns true
   * when this created the backlog (and changed the replid).
   */
  public boolean onFullSyncReplica(int replicaCount) {
    if (replicaCount != 1 || backlog != null) return false;
    ids.changeReplicationId();
    ids.clearReplicationId2();
    createBacklog();
    return true;
  }

  /** Creates the backlog if missing (a replica after its sync, a master restarting). */
  public void createBacklog() {
    if (backlog == null) backlog = new Backlog(configuredSize, ids.masterReplOffset());
  }

  public void freeBacklog() {
    backlog = null;
  }

  /** CONFIG SET repl-backlog-size. */
  public void resize(long newSize) {
    configuredSize = newSize;
    if (backlog != null) backlog.resize(newSize);
  }

  /** Promotion: ids shift and the TTL clock restarts. */
  public void promote(long nowMs) {
    ids.shiftOnPromotion();
    policy.markNoReplicas(nowMs);
  }

  /** The last replica detached. */
  public void onNoReplicas(long nowMs) {
    policy.markNoReplicas(nowMs);
  }

  /**
   * A master restarting with stored replication info: replid2 = stored id, offsets continue from
   * the stored offset, and the backlog (created before loading) is rebased onto it.
   */
  public boolean restartAsMaster(ReplicationIds.Meta meta, long nowMs) {
    createBacklog();
    if (!ids.restartAsMaster(meta)) {
      freeBacklog();
      return false;
    }
    backlog.rebase(meta.offset());
    policy.markNoReplicas(nowMs);
    return true;
  }

  /** The once-a-second cron; returns true when the backlog was freed. */
  public boolean cron(long nowMs, int replicaCount, boolean isMaster) {
    if (!policy.shouldFree(nowMs, replicaCount, backlog != null, isMaster)) return false;
    ids.changeReplicationId();
    ids.clearReplicationId2();
    freeBacklog();
    return true;
  }
}
