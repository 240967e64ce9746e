package io.kvstore.raft;

import io.kvstore.core.cmd.tx.Exec;
import io.kvstore.core.command.CommandFlag;
import io.kvstore.core.command.CommandSpec;
import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.engine.CommandBackend;
import io.kvstore.core.engine.Engine;
import io.kvstore.core.engine.EngineLoop;
import io.kvstore.core.engine.Node;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.StoredValue;
import io.kvstore.proto.v1.RaftCommands;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.ratis.protocol.exceptions.StateMachineException;

/**
 * Routes client commands in the raft mode, by their flags:
 * <ul>
 *   <li>WRITE commands (and EXEC of a transaction with a write) become log entries proposed to
 *       the leader; the reply is the leader's apply result. Before proposing, a node that knows
 *       no leader answers {@link Errors#RAFT_NO_LEADER} (nothing was proposed); a proposal whose
 *       result does not arrive within {@code raft-timeout} is reported as unknown
 *       ({@link Errors#raftUnknown}), never as failed. With {@code raft-follower-writes
 *       redirect} a follower answers {@code MOVED 0 <leader host:port>} instead of forwarding.</li>
 *   <li>READONLY commands (and read-only transactions) wait for a {@link ReadBarrier} round and
 *       then run locally: linearizable on any node. A session that opted into stale reads
 *       ({@code READONLY}, gRPC {@code stale_ok}) runs them locally at once.</li>
 *   <li>Everything else (PING, INFO, CONFIG, CLIENT, SELECT, MULTI, WATCH, PUBLISH...) runs
 *       locally.</li>
 * </ul>
 * Replies keep the session's order ({@link SessionState}). Engine thread only.
 */
final class RaftBackend implements CommandBackend {
  /** Writes of one session in flight at once; more wait (the session stops being read). */
  static final int MAX_PIPELINED = 1024;

  private final RaftNode raft;
  private final EngineLoop loop;
  private final Engine engine;
  private final Node node;
  private final java.util.TreeMap<Long, List<Waiter>> appliedWaiters = new java.util.TreeMap<>();

  RaftBackend(RaftNode raft, EngineLoop loop) {
    this.raft = raft;
    this.loop = loop;
    this.engine = loop.engine();
    this.node = engine.node();
  }

  static SessionState state(ClientSession s) {
    if (s.backendState() instanceof SessionState st) return st;
    SessionState st = new SessionState();
    s.setBackendState(st);
    return st;
  }

  @Override
  public boolean hold(ClientSession s, byte[][] argv) {
    if (!(s.backendState() instanceof SessionState st) || st.pending.isEmpty()) return false;
    if (st.transactionsPending == 0 && st.pending.size() < MAX_PIPELINED && pipelinableWrite(s, argv)) {
      return false;
    }
    st.holding = true;
    s.setBlocked(true);
    s.deferred().addFirst(argv);
    return true;
  }

  /** A write that will certainly be proposed as it is (no error, no queueing): safe to pipeline. */
  private boolean pipelinableWrite(ClientSession s, byte[][] argv) {
    if (argv.length == 0 || s.inMulti() || !s.authenticated() || s.subscriptionCount() > 0
        || !node.gates().isEmpty()) {
      return false;
    }
    CommandSpec spec = node.commands().lookup(argv[0]);
    if (spec == null) return false;
    if (spec.isContainer()) {
      if (argv.length < 2) return false;
      spec = spec.subcommands().get(new String(argv[1], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
      if (spec == null) return false;
    }
    int arity = spec.arity();
    boolean arityOk = arity > 0 ? argv.length == arity : argv.length >= -arity;
    return arityOk && spec.has(CommandFlag.WRITE);
  }

  @Override
  public Reply route(ClientSession s, CommandSpec spec, byte[][] argv) {
    if (spec.impl() instanceof Exec) return exec(s, argv);
    if (spec.has(CommandFlag.WRITE)) {
      return propose(s, EntryCodec.commandsMessage(s.db(), java.util.Collections.singletonList(argv), false,
          List.of()), false);
    }
    if (spec.has(CommandFlag.READONLY)) return s.staleReads() ? staleRead(s, argv) : read(s, argv);
    return null;
  }

  /** EXEC: local when it aborts anyway; a read round for read-only ones; else one entry. */
  private Reply exec(ClientSession s, byte[][] argv) {
    if (!s.inMulti() || s.multiError() || s.watchDirty() || watchedKeyExpired(s)) return null;
    List<byte[][]> commands = new ArrayList<>(s.queued().size());
    boolean writes = false;
    for (ClientSession.Queued q : s.queued()) {
      commands.add(q.argv());
      writes |= q.spec().has(CommandFlag.WRITE);
    }
    if (!writes) return s.staleReads() ? staleRead(s, argv) : read(s, argv);
    long now = raft.raftNow();
    List<EntryCodec.Watched> watched = new ArrayList<>(s.watched().size());
    for (ClientSession.Watched w : s.watched()) {
      StoredValue v = node.store().get(w.db, w.key.bytes());
      watched.add(new EntryCodec.Watched(w.db, w.key.bytes(), Fingerprint.of(v, now)));
    }
    int db = s.db();
    s.endMulti();
    node.watches().unwatchAll(s);
    return propose(s, EntryCodec.commandsMessage(db, commands, true, watched), true);
  }

  private boolean watchedKeyExpired(ClientSession s) {
    long now = node.clock().millis();
    for (ClientSession.Watched w : s.watched()) {
      if (w.expiredAtWatch) continue;
      StoredValue v = node.store().get(w.db, w.key.bytes());
      if (v != null && v.isExpiredAt(now)) return true;
    }
    return false;
  }

  /** Why this node cannot serve a consistent command now (null when it can). */
  private Reply precheck() {
    if (!raft.isMember()) return Reply.error(Errors.RAFT_NOT_MEMBER);
    if (raft.leaderId() == null) return Reply.error(Errors.RAFT_NO_LEADER);
    if (!raft.isLeader() && "redirect".equals(node.config().get("raft-follower-writes"))) {
      String address = raft.leaderRespAddress();
      if (address != null && !address.isEmpty()) return Reply.error(Errors.raftMoved(address));
    }
    return null;
  }

  private Reply propose(ClientSession s, RaftCommands entry, boolean transaction) {
    SessionState st = state(s);
    SessionState.Pending p = new SessionState.Pending(transaction);
    st.pending.addLast(p);
    if (transaction) st.transactionsPending++;
    Reply refused = precheck();
    int size = entry.getSerializedSize();
    if (refused == null && size > RatisConfig.MAX_ENTRY_BYTES) {
      refused = Reply.error(Errors.raftEntryTooLarge(size, RatisConfig.MAX_ENTRY_BYTES));
    }
    if (refused != null) {
      complete(s, st, p, refused);
      return Reply.NONE;
    }
    int timeout = raft.timeoutMs();
    raft.batcher().add(entry, (index, result, t) -> complete(s, st, p, writeReply(s, st, p, index, result, t, timeout)));
    return Reply.NONE;
  }

  private Reply writeReply(ClientSession s, SessionState st, SessionState.Pending p, long index,
      ReplyCodec.Result result, Throwable t, int timeout) {
    if (t == null) {
      st.lastWriteIndex = Math.max(st.lastWriteIndex, index);
      if (result == null) {
        return Reply.error(Errors.raftUnknown("it was applied, but its reply was lost in a restart"));
      }
      if (p.transaction) s.select(result.db());
      return result.reply();
    }
    Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    if (cause instanceof TimeoutException) {
      return Reply.error(Errors.raftUnknown("no result from the Raft leader within " + timeout + " ms"));
    }
    if (cause instanceof StateMachineException && String.valueOf(cause.getMessage()).contains("invalid raft entry")) {
      return Reply.error(Errors.raftAdmin(String.valueOf(cause.getMessage())));
    }
    return Reply.error(Errors.raftUnknown(describe(cause)));
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
  }

  /** Records a reply and delivers every reply now due, in order; releases a held session. */
  private void complete(ClientSession s, SessionState st, SessionState.Pending p, Reply r) {
    p.reply = r;
    while (!st.pending.isEmpty() && st.pending.peekFirst().reply != null) {
      SessionState.Pending head = st.pending.pollFirst();
      if (head.transaction) st.transactionsPending--;
      node.deliver(s, head.reply);
    }
    if (st.pending.isEmpty() && st.holding) {
      st.holding = false;
      loop.unblock(s, Reply.NONE);
    }
  }

  /** A linearizable read: block the session, pass a read round, run the command locally. */
  private Reply read(ClientSession s, byte[][] argv) {
    Reply refused = precheck();
    if (refused != null) return refused;
    s.setBlocked(true);
    raft.readBarrier().await().whenComplete((v, t) -> {
      Reply r = t == null ? engine.executeAt(s, argv, raft.raftNow()) : readFailure(t);
      loop.unblock(s, r);
    });
    return Reply.NONE;
  }

  /**
   * A stale read runs on this node's data at once, except that a session reads its own writes:
   * if this node has not applied the session's last acknowledged write yet, the read waits for
   * it (up to {@code raft-timeout}).
   */
  private Reply staleRead(ClientSession s, byte[][] argv) {
    long need = state(s).lastWriteIndex;
    if (raft.applier().applied().index() >= need) return null;
    s.setBlocked(true);
    Waiter w = new Waiter(s, argv);
    appliedWaiters.computeIfAbsent(need, k -> new ArrayList<>()).add(w);
    raft.timer().schedule(() -> loop.execute(() -> {
      List<Waiter> list = appliedWaiters.get(need);
      if (list != null && list.remove(w)) {
        if (list.isEmpty()) appliedWaiters.remove(need);
        loop.unblock(s, Reply.error(Errors.RAFT_READ_TIMEOUT));
      }
    }), raft.timeoutMs(), TimeUnit.MILLISECONDS);
    return Reply.NONE;
  }

  /** A stale read waiting for this node to apply its session's last write. */
  private record Waiter(ClientSession session, byte[][] argv) {}

  /** After entries were applied here (engine thread): runs the stale reads that waited for them. */
  void applied(long index) {
    while (!appliedWaiters.isEmpty() && appliedWaiters.firstKey() <= index) {
      for (Waiter w : appliedWaiters.pollFirstEntry().getValue()) {
        loop.unblock(w.session(), engine.executeAt(w.session(), w.argv(), raft.raftNow()));
      }
    }
  }

  private Reply readFailure(Throwable t) {
    if (raft.leaderId() == null) {
      return Reply.error(Errors.RAFT_NO_LEADER);
    }
    return Reply.error(Errors.RAFT_READ_TIMEOUT);
  }
}
