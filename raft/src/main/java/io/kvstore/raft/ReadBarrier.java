package io.kvstore.raft;

import io.kvstore.core.engine.EngineLoop;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;

/**
 * The consistency round of a linearizable read (Raft §6.4, ReadIndex): an empty read request to
 * the local Ratis server, which (with read option LINEARIZABLE) gets a read index from the leader
 * (the leader confirms it still leads with a heartbeat round, or its lease), waits until the
 * local state machine has applied that index, and answers. Once it has, a read run on the engine
 * thread sees every write acknowledged before the read began, on any node.
 *
 * <p>Rounds are shared: while one is in flight, reads that arrive wait for the next one, which
 * starts when the current one ends (a round that started before a read arrived cannot serve it).
 * Engine thread only, except for the completion hop.
 */
final class ReadBarrier {
  private final RaftServer server;
  private final RaftGroupId groupId;
  private final RaftPeerId self;
  private final EngineLoop loop;
  private final ClientId clientId = ClientId.randomId();
  private final AtomicLong callIds = new AtomicLong();
  private final java.util.function.IntSupplier timeoutMs;
  private CompletableFuture<Void> inFlight;
  private CompletableFuture<Void> next;

  ReadBarrier(RaftServer server, RaftGroupId groupId, RaftPeerId self, EngineLoop loop,
      java.util.function.IntSupplier timeoutMs) {
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

  private CompletableFuture<Void> round() {
    int timeout = timeoutMs.getAsInt();
    RaftClientRequest request = RaftClientRequest.newBuilder()
        .setClientId(clientId)
        .setServerId(self)
        .setGroupId(groupId)
        .setCallId(callIds.incrementAndGet())
        .setMessage(Message.EMPTY)
        .setType(RaftClientRequest.readRequestType())
        .setTimeoutMs(timeout)
        .build();
    CompletableFuture<RaftClientReply> f;
    try {
      f = server.submitClientRequestAsync(request);
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(e); // the server is not running
    }
    return f.orTimeout(timeout, TimeUnit.MILLISECONDS).thenApply(reply -> {
      if (reply.isSuccess()) return null;
      Throwable cause = reply.getException();
      throw new java.util.concurrent.CompletionException(
          cause != null ? cause : new IOException("read index request failed"));
    });
  }
}
