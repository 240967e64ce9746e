package io.kvstore.persistence;

import java.util.concurrent.atomic.AtomicLong;
import org.rocksdb.WriteOptions;

/**
 * How a commit reaches the disk under the current {@link SyncPolicy}: the write options a
 * commit uses, and the {@code everysec} thread that fsyncs the journal's WAL once a second when
 * something was committed since the last sync.
 *
 * <p>Why apart from the store: the policy changes at runtime from any thread (CONFIG SET
 * appendfsync) and the sync thread reads the commit counters, while everything else in the
 * store belongs to one thread; this class holds exactly the state those threads share.
 */
final class CommitSync implements AutoCloseable {
  private final WriteOptions syncWrite = new WriteOptions().setSync(true);
  private final WriteOptions plainWrite = new WriteOptions();
  private final WriteOptions noWalWrite = new WriteOptions().setDisableWAL(true);
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong syncedCommits = new AtomicLong();
  private final AtomicLong backgroundSyncs = new AtomicLong();
  private final WalSyncer syncer;
  private final WalSyncer.SyncAction syncWal;
  private volatile SyncPolicy policy;
  private WriteOptions failingWrite;

  /** {@code syncWal}: fsyncs the log commits are written to (called on the sync thread). */
  CommitSync(SyncPolicy policy, WalSyncer.SyncAction syncWal) {
    this.policy = policy;
    this.syncWal = syncWal;
    this.syncer = new WalSyncer("rocksstore-wal-sync", () -> this.policy == SyncPolicy.EVERYSEC,
        this::syncIfBehind);
  }

  void start() {
    syncer.start();
  }

  SyncPolicy policy() {
    return policy;
  }

  /** Any thread. */
  void setPolicy(SyncPolicy policy) {
    this.policy = policy;
  }

  /** The write options of a commit under {@code p} (the policy read once by the caller). */
  WriteOptions writeOptions(SyncPolicy p) {
    if (failingWrite != null) return failingWrite;
    return p == SyncPolicy.ALWAYS ? syncWrite : p == SyncPolicy.WAL_OFF ? noWalWrite : plainWrite;
  }

  /** A commit made with {@link #writeOptions} of {@code p} succeeded. */
  void committed(SyncPolicy p) {
    long n = commits.incrementAndGet();
    if (p == SyncPolicy.ALWAYS) syncedCommits.accumulateAndGet(n, Math::max);
  }

  /** WAL fsyncs done by the everysec thread so far (any thread). */
  long backgroundSyncs() {
    return backgroundSyncs.get();
  }

  /** Test hook: commits fail inside RocksDB (a sync requested with the WAL disabled). */
  void failForTesting(boolean fail) {
    if (fail && failingWrite == null) failingWrite = new WriteOptions().setSync(true).setDisableWAL(true);
    if (!fail && failingWrite != null) {
      failingWrite.close();
      failingWrite = null;
    }
  }

  /** Stops the sync thread (waiting for a sync in progress) and releases the options. */
  @Override
  public void close() {
    syncer.stop();
    syncWrite.close();
    plainWrite.close();
    noWalWrite.close();
    if (failingWrite != null) failingWrite.close();
  }

  private void syncIfBehind() throws Exception {
    long n = commits.get();
    if (syncedCommits.get() >= n) return;
    syncWal.syncIfDue();
    syncedCommits.accumulateAndGet(n, Math::max);
    backgroundSyncs.incrementAndGet();
  }
}
