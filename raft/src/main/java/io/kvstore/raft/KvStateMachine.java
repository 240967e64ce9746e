package io.kvstore.raft;

import io.kvstore.core.engine.Clock;
import io.kvstore.core.engine.EngineLoop;
import io.kvstore.core.store.Bytes;
import io.kvstore.proto.v1.RaftEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftConfigurationProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.LifeCycle;

/**
 * The Ratis state machine of a kvstore node: the keyspace, changed only by applying committed
 * entries ({@link Applier}) on the engine thread.
 *
 * <p><b>Leader timestamps.</b> {@link #startTransaction} runs on the leader as it appends a
 * client's entry: it stamps the entry with the leader's clock, never earlier than the previous
 * stamp or the last applied entry (a new leader has applied everything before it serves), so
 * raft time only moves forward along the log.
 *
 * <p><b>Applied index and restart.</b> Each entry's data and its index are committed to the
 * store together (the RocksDB WAL is off: the Raft log is the write-ahead log). At start the
 * store tells which index its data includes; Ratis replays the log from its latest snapshot and
 * entries up to that index are skipped, so each entry's effects are in the store exactly once.
 * If the latest snapshot is newer than the store (a crash while installing one), it is loaded.
 *
 * <p><b>Reads.</b> {@link #query} does nothing: a linearizable read waits until this node has
 * applied a barrier entry proposed after the read began (lease reads: a Ratis read index); the
 * command then runs on the engine thread in the client's own session (see {@link ReadBarrier}).
 *
 * <p><b>Snapshots</b> are RocksDB checkpoints ({@link CheckpointStorage}), taken on the engine
 * thread; Ratis purges the log up to them and ships them to followers that need them.
 */
final class KvStateMachine extends BaseStateMachine {
  /** What the node wants to hear about (leader and membership changes). */
  interface Events {
    void leaderChanged(RaftPeerId leader);

    void configurationChanged();

    /** Engine thread: entries up to {@code index} are applied here. */
    void applied(long index);
  }

  private static final ByteString EMPTY = ByteString.EMPTY;

  private final EngineLoop loop;
  private final Applier applier;
  private final StateStore stateStore;
  private final Clock clock;
  private final Events events;
  private final Consumer<Throwable> fatal;
  private final CheckpointStorage storage = new CheckpointStorage();
  private final AtomicLong lastStamp = new AtomicLong();
  private volatile long skipUpTo;
  private final ConcurrentLinkedQueue<PendingApply> applyQueue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  /** Entries applied to the store, and entries skipped because the store already had them. */
  final AtomicLong appliedEntries = new AtomicLong();
  final AtomicLong skippedEntries = new AtomicLong();
  /** Snapshots loaded into the store (installed from the leader, or found newer at start). */
  final AtomicLong snapshotsLoaded = new AtomicLong();

  KvStateMachine(EngineLoop loop, Applier applier, StateStore stateStore, Clock clock, Events events,
      Consumer<Throwable> fatal) {
    this.loop = loop;
    this.applier = applier;
    this.stateStore = stateStore;
    this.clock = clock;
    this.events = events;
    this.fatal = fatal;
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
    super.initialize(server, groupId, raftStorage);
    storage.init(raftStorage);
    getLifeCycle().startAndTransition(() -> {
      AppliedState a = loop.call(e -> applier.load()).join();
      a = catchUpWithSnapshot(a);
      resetApplied(a);
    });
  }

  /** Loads the latest snapshot when it is newer than the store's data. */
  private AppliedState catchUpWithSnapshot(AppliedState a) throws IOException {
    SnapshotInfo latest = storage.getLatestSnapshot();
    if (latest == null || latest.getIndex() <= a.index()) return a;
    LOG.info("loading snapshot {} (store has applied {})", latest.getTermIndex(), a.index());
    stateStore.replaceWith(storage.latestDir(), loop);
    snapshotsLoaded.incrementAndGet();
    return loop.call(e -> {
      AppliedState loaded = applier.load();
      for (int db = 0; db < e.node().databases(); db++) e.node().watches().touchDb(db, (Bytes k) -> true);
      events.applied(loaded.index());
      return loaded;
    }).join();
  }

  private void resetApplied(AppliedState a) {
    skipUpTo = Math.max(skipUpTo, a.index());
    lastStamp.accumulateAndGet(a.timestampMs(), Math::max);
    synchronized (this) {
      setLastAppliedTermIndex(TermIndex.valueOf(a.term(), a.index()));
    }
  }

  private synchronized void advanceApplied(long term, long index) {
    if (index > getLastAppliedTermIndex().getIndex()) setLastAppliedTermIndex(TermIndex.valueOf(term, index));
  }

  @Override
  public void notifyTermIndexUpdated(long term, long index) {
    advanceApplied(term, index); // configuration and no-op entries
  }

  @Override
  public StateMachineStorage getStateMachineStorage() {
    return storage;
  }

  @Override
  public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
    ByteString content = request.getMessage().getContent();
    TransactionContext.Builder b = TransactionContext.newBuilder().setStateMachine(this)
        .setClientRequest(request);
    RaftEntry entry;
    try {
      entry = EntryCodec.parse(content.asReadOnlyByteBuffer());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      TransactionContext t = b.build();
      t.setException(new IOException("invalid raft entry: " + e.getMessage()));
      return t;
    }
    long now = Math.max(clock.millis(), applier.lastTimestamp());
    long ts = lastStamp.accumulateAndGet(now, Math::max);
    ByteString stamped = content.concat(UnsafeByteOperations.unsafeWrap(EntryCodec.timestampSuffix(ts)));
    return b.setLogData(stamped).setStateMachineContext(entry.toBuilder().setTimestampMs(ts).build()).build();
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto le = trx.getLogEntry();
    long term = le.getTerm();
    long index = le.getIndex();
    if (index <= skipUpTo) {
      skippedEntries.incrementAndGet();
      advanceApplied(term, index); // already in the store (applied before a restart)
      return CompletableFuture.completedFuture(Message.valueOf(EMPTY));
    }
    RaftEntry entry = trx.getStateMachineContext() instanceof RaftEntry e ? e : parse(le);
    CompletableFuture<Message> f = new CompletableFuture<>();
    applyQueue.add(new PendingApply(entry, term, index, f));
    if (drainScheduled.compareAndSet(false, true)) loop.execute(this::drainApplies);
    return f;
  }

  /** An entry waiting for the engine thread. */
  private record PendingApply(RaftEntry entry, long term, long index, CompletableFuture<Message> future) {}

  /**
   * Engine thread: applies every queued entry in order and commits them to the store in one
   * batch (the last entry's index goes with it), then answers them. A drain task is queued on
   * the engine whenever an entry is queued with none pending, so an entry is always ahead of
   * any engine task queued after its apply began (a read whose round covers it).
   */
  private void drainApplies() {
    drainScheduled.set(false);
    List<PendingApply> batch = new ArrayList<>();
    for (PendingApply p; (p = applyQueue.poll()) != null; ) batch.add(p);
    if (batch.isEmpty()) return;
    List<Message> results = new ArrayList<>(batch.size());
    try {
      for (PendingApply p : batch) {
        results.add(Message.valueOf(UnsafeByteOperations.unsafeWrap(applier.apply(p.entry(), p.term(), p.index()))));
      }
      loop.engine().node().store().commit();
    } catch (Throwable t) {
      for (PendingApply p : batch) p.future().completeExceptionally(t);
      fatal.accept(t);
      return;
    }
    lastStamp.accumulateAndGet(applier.lastTimestamp(), Math::max);
    PendingApply last = batch.get(batch.size() - 1);
    appliedEntries.addAndGet(batch.size());
    advanceApplied(last.term(), last.index());
    events.applied(last.index());
    for (int i = 0; i < batch.size(); i++) batch.get(i).future().complete(results.get(i));
  }

  private static RaftEntry parse(LogEntryProto le) {
    try {
      return EntryCodec.parse(le.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      LOG.error("unreadable raft entry at index {}: {}", le.getIndex(), e.toString());
      return RaftEntry.getDefaultInstance(); // applied as a no-op with an error reply
    }
  }

  @Override
  public CompletableFuture<Message> query(Message request) {
    return CompletableFuture.completedFuture(Message.valueOf(EMPTY));
  }

  /** A snapshot is taken after all pending applies finished (Ratis waits for them). */
  @Override
  public long takeSnapshot() throws IOException {
    record Taken(long term, long index, Path tmp, Path target) {}
    Taken t = loop.call(e -> {
      AppliedState a = applier.applied();
      if (a.index() <= 0) return null;
      Path target = storage.snapshotDir(a.term(), a.index());
      if (Files.isDirectory(target)) return new Taken(a.term(), a.index(), null, target);
      Path tmp = storage.tempFor(target);
      stateStore.checkpoint(tmp);
      return new Taken(a.term(), a.index(), tmp, target);
    }).join();
    if (t == null) return RaftLog.INVALID_LOG_INDEX;
    if (t.tmp() != null) storage.publish(t.tmp(), t.target(), t.term(), t.index());
    LOG.info("snapshot at {}_{} written to {}", t.term(), t.index(), t.target());
    return t.index();
  }

  @Override
  public void pause() {
    LifeCycle lc = getLifeCycle();
    if (lc.getCurrentState() == LifeCycle.State.RUNNING) {
      lc.transition(LifeCycle.State.PAUSING);
      lc.transition(LifeCycle.State.PAUSED);
    }
  }

  /** After a snapshot was installed from the leader: load it. */
  @Override
  public void reinitialize() throws IOException {
    storage.reload();
    AppliedState a = loop.call(e -> applier.applied()).join();
    a = catchUpWithSnapshot(a);
    resetApplied(a);
    LifeCycle lc = getLifeCycle();
    if (lc.getCurrentState() == LifeCycle.State.PAUSED) {
      lc.transition(LifeCycle.State.STARTING);
      lc.transition(LifeCycle.State.RUNNING);
    }
  }

  @Override
  public void notifyLeaderChanged(RaftGroupMemberId groupMemberId, RaftPeerId newLeaderId) {
    events.leaderChanged(newLeaderId);
  }

  @Override
  public void notifyConfigurationChanged(long term, long index, RaftConfigurationProto conf) {
    events.configurationChanged();
  }

  /** Index of the latest snapshot, or -1 (INFO). */
  long snapshotIndex() {
    SnapshotInfo s = storage.getLatestSnapshot();
    return s == null ? -1 : s.getIndex();
  }
}
