package io.kvstore.raft;

import io.kvstore.core.engine.EngineLoop;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.RaftException;
import org.apache.ratis.server.RaftServer;

/**
 * The consistency round of a read that must see every write acknowledged before it began.
 *
 * <p>Linearizable mode: the round proposes a barrier entry (it changes nothing) and waits until
 * this node has applied it. The entry was appended after the round began by a node that led then,
 * and a leader's log holds every committed entry, so once this node has applied the barrier its
 * state includes every write acknowledged before the read, on any node and in any partition: a
 * deposed leader cannot commit the barrier, and its reads wait and fail instead of answering old
 * data. (Ratis's ReadIndex is not used for this: in Ratis 3.2 a leader answers a read index
 * without a heartbeat round when nothing was committed since its last confirmed one, which lets
 * a leader cut off from the majority serve stale reads until it steps down.)
 *
 * <p>Lease mode: an empty read request to the local Ratis server (read option LINEARIZABLE with
 * the leader lease on), which gets a read index from the leader, confirmed by its lease, and
 * waits until this node has applied it. Cheaper, but only as safe as the lease's timing
 * assumptions.
 *
 * <p>Rounds are shared: while one is in flight, reads that arrive wait for the next one, which
 * starts when the current one ends (a round that started before a read arrived cannot serve it).
 * Engine thread only, except for the completion hops.
 */
final class ReadBarrier {
  private final RaftServer server;
  private final RaftGroupId groupId;
  private final RaftPeerId self;
  private final EngineLoop loop;
  private final ClientId clientId = ClientId.randomId();
  private final AtomicLong callIds = new AtomicLong();
  /** Pause before a failed attempt of a round is retried. */
  private static final long RETRY_MS = 20;

  private final ScheduledExecutorService timer;
  private final java.util.function.IntSupplier timeoutMs;
  private final boolean lease;
  private final Proposer proposer;
  private final java.util.function.LongSupplier appliedIndex;
  /** Barrier rounds whose entry is committed, by log index, until this node applies it. */
  private final java.util.TreeMap<Long, java.util.List<CompletableFuture<Void>>> applying =
      new java.util.TreeMap<>();
  private CompletableFuture<Void> inFlight;
  private CompletableFuture<Void> next;

  ReadBarrier(RaftServer server, RaftGroupId groupId, RaftPeerId self, EngineLoop loop,
      ScheduledExecutorService timer, java.util.function.IntSupplier timeoutMs, boolean lease,
      Proposer proposer, java.util.function.LongSupplier appliedIndex) {
    this.timer = timer;
    this.lease = lease;
    this.proposer = proposer;
    this.appliedIndex = appliedIndex;
    this.server = server;
    this.groupId = groupId;
    this.self = self;
    this.loop = loop;
    this.timeoutMs = timeoutMs;
  }

  /** Completes (on the engine thread) once a round that started after this call has passed. */
  CompletableFuture<Void> await() {
    if (inFlight == null) {
      inFlight = new CompletableFuture<>();
      start(inFlight);
      return inFlight;
    }
    if (next == null) next = new CompletableFuture<>();
    return next;
  }

  private void start(CompletableFuture<Void> round) {
    round().whenComplete((v, t) -> loop.execute(() -> {
      inFlight = null;
      if (next != null) {
        inFlight = next;
        next = null;
        start(inFlight);
      }
      if (t != null) round.completeExceptionally(t);
      else round.complete(null);
    }));
  }

  /**
   * One round: read requests to the local server until one succeeds or the round's time is up.
   * A failed attempt is retried after a short pause while a leader is known (a read changes
   * nothing, so retrying is always safe): the leader may have just changed, or this node's
   * connection to it may still be failing from before a partition healed, in which case it is
   * reset first (gRPC would otherwise refuse calls until its reconnect backoff, up to minutes).
   */
  private CompletableFuture<Void> round() {
    int timeout = timeoutMs.getAsInt();
    CompletableFuture<Void> result = new CompletableFuture<>();
    if (lease) {
      attempt(result, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout));
    } else {
      barrier(result, timeout);
    }
    return result;
  }

  /** A linearizable round: a barrier entry through the log, then this node's apply of it. */
  private void barrier(CompletableFuture<Void> result, int timeout) {
    long start = System.nanoTime();
    // the timeout completes a copy: completing the client's own future would skip its cleanup
    CompletableFuture<RaftClientReply> sent = proposer.send(EntryCodec.barrier()).thenApply(r -> r);
    sent.orTimeout(timeout, TimeUnit.MILLISECONDS).whenComplete((reply, t) -> {
      Throwable failure = t != null ? unwrap(t) : reply.isSuccess() ? null
          : reply.getException() != null ? reply.getException() : new IOException("read barrier failed");
      if (failure != null) {
        result.completeExceptionally(failure);
        return;
      }
      long index = reply.getLogIndex();
      long left = timeout - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      try {
        loop.execute(() -> awaitApplied(index, result, Math.max(1, left)));
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
  }

  /** Engine thread: completes the round once this node has applied {@code index}. */
  private void awaitApplied(long index, CompletableFuture<Void> result, long timeoutMs) {
    if (appliedIndex.getAsLong() >= index) {
      result.complete(null);
      return;
    }
    applying.computeIfAbsent(index, k -> new java.util.ArrayList<>()).add(result);
    try {
      timer.schedule(() -> result.completeExceptionally(
          new TimeoutException("the read barrier at index " + index + " was not applied here in time")),
          timeoutMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(e); // shutting down
    }
  }

  /** Engine thread: entries up to {@code index} are applied here. */
  void applied(long index) {
    while (!applying.isEmpty() && applying.firstKey() <= index) {
      for (CompletableFuture<Void> f : applying.pollFirstEntry().getValue()) f.complete(null);
    }
  }

  private void attempt(CompletableFuture<Void> result, long deadline) {
    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    if (left <= 0) {
      result.completeExceptionally(new TimeoutException("no read index in time"));
      return;
    }
    RaftClientRequest request = RaftClientRequest.newBuilder()
        .setClientId(clientId)
        .setServerId(self)
        .setGroupId(groupId)
        .setCallId(callIds.incrementAndGet())
        .setMessage(Message.EMPTY)
        .setType(RaftClientRequest.readRequestType())
        .setTimeoutMs(left)
        .build();
    CompletableFuture<RaftClientReply> f;
    try {
      f = server.submitClientRequestAsync(request);
    } catch (IOException | RuntimeException e) {
      result.completeExceptionally(e); // the server is not running
      return;
    }
    f.thenApply(r -> r).orTimeout(left, TimeUnit.MILLISECONDS).whenComplete((reply, t) -> {
      Throwable failure = t != null ? unwrap(t) : reply.isSuccess() ? null
          : reply.getException() != null ? reply.getException() : new IOException("read index request failed");
      if (failure == null) {
        result.complete(null);
        return;
      }
      RaftPeerId leader = leader();
      boolean retry = !(failure instanceof TimeoutException) && !(failure instanceof AlreadyClosedException)
          && leader != null && deadline - System.nanoTime() > TimeUnit.MILLISECONDS.toNanos(2 * RETRY_MS);
      if (!retry) {
        result.completeExceptionally(failure);
        return;
      }
      if (!(failure instanceof RaftException) && !leader.equals(self)) {
        reconnect(leader, failure);
      }
      try {
        timer.schedule(() -> attempt(result, deadline), RETRY_MS, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        result.completeExceptionally(failure); // shutting down
      }
    });
  }

  private RaftPeerId leader() {
    try {
      RaftServer.Division d = server.getDivision(groupId);
      return d.getInfo().isAlive() ? d.getInfo().getLeaderId() : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** A transport failure towards the leader: a new connection for the next attempt. */
  private void reconnect(RaftPeerId leader, Throwable failure) {
    try {
      server.getServerRpc().handleException(leader,
          failure instanceof Exception e ? e : new IOException(failure), true);
    } catch (RuntimeException e) {
      // the next attempt fails the same way, until the round's time is up
    }
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
