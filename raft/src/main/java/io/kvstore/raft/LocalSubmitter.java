package io.kvstore.raft;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.apache.ratis.client.RaftClientRpc;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.protocol.exceptions.TimeoutIOException;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * Proposals of a node that leads, handed straight to its own Ratis server instead of going out
 * through a client and back in over gRPC: the same request, minus its serialization, the
 * loopback connection and the thread hops both ways, which were about a third of a leader's CPU
 * per write entry.
 *
 * <p>Each request has this node's own client id and a call id of its own, and keeps both when
 * retried. A refusal or a lost leadership leaves its fate open (a leader that stepped down may
 * have appended it, and the next leader may commit it), so it is retried every 50 ms, to this
 * server while it leads and otherwise to the leader it knows of, for up to twice
 * {@code raft-timeout}: whichever leader gets it checks its retry cache for the call id, so it
 * is applied once. Past that its outcome is unknown. Only a state machine refusal (an invalid
 * entry) is final.
 */
final class LocalSubmitter {
  static final long RETRY_MS = 50;

  private final RaftServer server;
  private final RaftGroupId groupId;
  private final RaftPeerId self;
  private final ScheduledExecutorService timer;
  private final IntSupplier timeoutMs;
  private final Supplier<RaftClientRpc> rpc;
  private final ClientId clientId = ClientId.randomId();
  private final AtomicLong callIds = new AtomicLong();
  private volatile boolean closed;

  LocalSubmitter(RaftServer server, RaftGroupId groupId, RaftPeerId self, ScheduledExecutorService timer,
      IntSupplier timeoutMs, Supplier<RaftClientRpc> rpc) {
    this.server = server;
    this.groupId = groupId;
    this.self = self;
    this.timer = timer;
    this.timeoutMs = timeoutMs;
    this.rpc = rpc;
  }

  /** Whether this server leads and takes requests (its first entry of the term is applied). */
  boolean leads() {
    RaftServer.Division d = division();
    return d != null && d.getInfo().isLeader() && d.getInfo().isLeaderReady();
  }

  CompletableFuture<RaftClientReply> submit(byte[] entry) {
    Message m = Message.valueOf(UnsafeByteOperations.unsafeWrap(entry));
    long callId = callIds.incrementAndGet();
    CompletableFuture<RaftClientReply> out = new CompletableFuture<>();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2L * timeoutMs.getAsInt());
    attempt(m, callId, deadline, out);
    return out;
  }

  private void attempt(Message m, long callId, long deadline, CompletableFuture<RaftClientReply> out) {
    CompletableFuture<RaftClientReply> a;
    RaftPeerId to = null;
    RaftClientRpc remote = null;
    try {
      RaftServer.Division d = division();
      to = d == null ? null : d.getInfo().isLeader() ? self : d.getInfo().getLeaderId();
      if (to == null) {
        a = CompletableFuture.failedFuture(new IOException("no Raft leader known"));
      } else if (to.equals(self)) {
        a = server.submitClientRequestAsync(request(to, callId, m));
      } else {
        remote = rpc.get();
        a = remote == null ? CompletableFuture.failedFuture(new IOException("no Raft client"))
            : remote.sendRequestAsyncUnordered(request(to, callId, m));
      }
    } catch (IOException | RuntimeException e) {
      a = CompletableFuture.failedFuture(e);
    }
    RaftPeerId target = to;
    RaftClientRpc via = remote;
    a.whenComplete((reply, t) -> {
      if (t == null && reply.isSuccess()) {
        out.complete(reply);
        return;
      }
      Throwable cause = t != null ? unwrap(t) : reply.getException();
      if (cause instanceof StateMachineException) {
        out.completeExceptionally(cause); // refused by the state machine: never appended
        return;
      }
      if (via != null) {
        // the client's stream to that server is closed after a refusal: a new one next time
        via.handleException(target, cause, true);
      }
      if (closed || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_MS) >= deadline) {
        out.completeExceptionally(new TimeoutIOException("no result for the proposal within "
            + 2L * timeoutMs.getAsInt() + " ms; last: " + cause));
        return;
      }
      try {
        timer.schedule(() -> attempt(m, callId, deadline, out), RETRY_MS, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        out.completeExceptionally(cause); // shutting down
      }
    });
  }

  private RaftClientRequest request(RaftPeerId to, long callId, Message m) {
    return RaftClientRequest.newBuilder()
        .setClientId(clientId).setServerId(to).setGroupId(groupId).setCallId(callId)
        .setMessage(m).setType(RaftClientRequest.writeRequestType()).build();
  }

  private RaftServer.Division division() {
    try {
      return server.getDivision(groupId);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  void close() {
    closed = true;
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
