package io.kvstore.raft;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.retry.RequestTypeDependentRetryPolicy;
import org.apache.ratis.proto.RaftProtos.RaftClientRequestProto;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.TimeDuration;

/**
 * Sends this node's proposals (client writes, expiry batches, address announcements) to the
 * group's leader with a Ratis client: the leader may be this node or another one, so a write
 * that arrives at a follower is forwarded transparently. The client finds the leader, follows
 * leader changes and retries with the same client id and call id, so the leader's retry cache
 * applies a retried request once. Its retries are bounded; past them the outcome is unknown.
 *
 * <p>The client is rebuilt when the group's membership changes (a node that joined empty gets
 * its peers that way); the previous one is closed a while later so its requests can finish.
 */
final class Proposer implements AutoCloseable {
  private final RaftGroupId groupId;
  private final RaftProperties properties;
  private final int timeoutMs;
  private final List<RaftClient> retired = new ArrayList<>();
  private volatile RaftClient client;
  private Set<RaftPeerId> clientPeers = Set.of();
  private boolean closed;

  Proposer(RaftGroupId groupId, int timeoutMs, int maxOutstanding) {
    this.groupId = groupId;
    this.timeoutMs = timeoutMs;
    this.properties = new RaftProperties();
    RaftClientConfigKeys.Rpc.setRequestTimeout(properties,
        TimeDuration.valueOf(Math.max(1000, timeoutMs / 2), TimeUnit.MILLISECONDS));
    RaftClientConfigKeys.Async.setOutstandingRequestsMax(properties, maxOutstanding);
  }

  /** Points the client at the group's current members (rebuilt only when they changed). */
  synchronized void updatePeers(Collection<RaftPeer> peers, RaftPeerId leader) {
    if (closed) return;
    Set<RaftPeerId> ids = new HashSet<>();
    for (RaftPeer p : peers) ids.add(p.getId());
    if (ids.equals(clientPeers) && client != null) return;
    RaftClient old = client;
    client = ids.isEmpty() ? null : RaftClient.newBuilder()
        .setProperties(properties)
        .setClientId(ClientId.randomId())
        .setRaftGroup(RaftGroup.valueOf(groupId, peers))
        .setLeaderId(leader)
        .setRetryPolicy(retryPolicy())
        .build();
    clientPeers = ids;
    if (old != null) retired.add(old);
  }

  /**
   * Retries every 50 ms (leader unknown or changing, node unreachable) for up to twice the
   * reply timeout from the request's creation; past that the request fails and its outcome
   * stays unknown. Bounded so that an unreachable majority does not hold the client's ordered
   * request window forever.
   */
  private RetryPolicy retryPolicy() {
    TimeDuration sleep = TimeDuration.valueOf(50, TimeUnit.MILLISECONDS);
    TimeDuration limit = TimeDuration.valueOf(2L * timeoutMs, TimeUnit.MILLISECONDS);
    RequestTypeDependentRetryPolicy.Builder b = RequestTypeDependentRetryPolicy.newBuilder();
    for (RaftClientRequestProto.TypeCase type : RaftClientRequestProto.TypeCase.values()) {
      b.setRetryPolicy(type, RetryPolicies.retryForeverWithSleep(sleep)).setTimeout(type, limit);
    }
    return b.build();
  }

  /** True once a client exists (the node knows some members). */
  boolean ready() {
    return client != null;
  }

  /** Proposes an entry; the reply carries the leader's apply result. */
  CompletableFuture<RaftClientReply> send(byte[] entry) {
    RaftClient c = client;
    if (c == null) return CompletableFuture.failedFuture(new IOException("no members known"));
    try {
      return c.async().send(Message.valueOf(UnsafeByteOperations.unsafeWrap(entry)));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e); // a client closed meanwhile
    }
  }

  /** The client for admin calls (membership, leadership transfer, snapshots), or null. */
  RaftClient client() {
    return client;
  }

  @Override
  public synchronized void close() {
    closed = true;
    List<RaftClient> all = new ArrayList<>(retired);
    if (client != null) all.add(client);
    client = null;
    retired.clear();
    for (RaftClient c : all) {
      try {
        c.close();
      } catch (IOException | RuntimeException e) {
        // closing anyway
      }
    }
  }
}
