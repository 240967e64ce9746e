package io.kvstore.raft;

import java.io.IOException;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.client.RaftClientRpc;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.protocol.exceptions.RaftException;
import org.apache.ratis.protocol.exceptions.TransferLeadershipException;

/**
 * The proposer's client transport: Ratis's gRPC client, except that a leader's refusal while
 * it hands its leadership over ({@link LeaderSteppingDownException}) makes the request retry.
 *
 * <p>Ratis's client takes that refusal as the request's final reply, which would leave the write
 * unknown although the leader did not append it this time. Reported instead as the leader being
 * "not ready", the client retries it like any other leader change: the same client id and call
 * id, to the same server after a short sleep (on a new stream: the server's ordered stream has
 * answered that request and would not take it again), and to the new leader once that server
 * answers "not leader". A retry is applied at most once: the leader checks its retry cache for the call
 * id, and a new leader has applied (and cached) every earlier committed entry before it serves.
 * Only ordered asynchronous sends (proposals) are changed; admin calls see the reply as it is.
 */
final class TransferAwareRpc implements RaftClientRpc {
  private final RaftClientRpc delegate;
  /** Per server: how many times its connection was reset here (a stream's generation). */
  private final ConcurrentHashMap<RaftPeerId, AtomicLong> resets = new ConcurrentHashMap<>();

  TransferAwareRpc(RaftClientRpc delegate) {
    this.delegate = delegate;
  }

  @Override
  public CompletableFuture<RaftClientReply> sendRequestAsync(RaftClientRequest request) {
    AtomicLong generation = resets.computeIfAbsent(request.getServerId(), k -> new AtomicLong());
    long sentOn = generation.get();
    return delegate.sendRequestAsync(request).thenApply(reply -> {
      RaftException e = reply == null ? null : reply.getException();
      if (e instanceof LeaderSteppingDownException || e instanceof TransferLeadershipException) {
        // the server's ordered stream has answered this request: a retry needs a new stream
        // (one reset per stream: later refusals on the same stream find it done)
        if (generation.compareAndSet(sentOn, sentOn + 1)) {
          delegate.handleException(request.getServerId(), e, true);
        }
        throw new CompletionException(new SteppingDown(
            RaftGroupMemberId.valueOf(reply.getServerId(), reply.getRaftGroupId()), e));
      }
      return reply;
    });
  }

  @Override
  public CompletableFuture<RaftClientReply> sendRequestAsyncUnordered(RaftClientRequest request) {
    return delegate.sendRequestAsyncUnordered(request);
  }

  @Override
  public RaftClientReply sendRequest(RaftClientRequest request) throws IOException {
    return delegate.sendRequest(request);
  }

  @Override
  public void addRaftPeers(Collection<RaftPeer> peers) {
    delegate.addRaftPeers(peers);
  }

  @Override
  public boolean handleException(RaftPeerId serverId, Throwable t, boolean reconnect) {
    return delegate.handleException(serverId, t, reconnect);
  }

  @Override
  public boolean shouldReconnect(Throwable t) {
    return delegate.shouldReconnect(t);
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }

  /** A leader stepping down, retried as a leader that is not ready (same server, then the next). */
  static final class SteppingDown extends LeaderNotReadyException {
    private final String message;

    SteppingDown(RaftGroupMemberId server, RaftException cause) {
      super(server);
      this.message = cause.getMessage();
      initCause(cause);
    }

    @Override
    public String getMessage() {
      return message;
    }
  }
}
