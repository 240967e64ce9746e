package io.kvstore.raft;

import io.kvstore.core.engine.EngineLoop;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.client.RaftClientRpc;
import org.apache.ratis.client.retry.RequestTypeDependentRetryPolicy;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.proto.RaftProtos.RaftClientRequestProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends this node's proposals (client writes, expiry batches, address announcements) to the
 * group's leader with a Ratis client: the leader may be this node or another one, so a write
 * that arrives at a follower is forwarded transparently. The client finds the leader, follows
 * leader changes (and leadership transfers, {@link TransferAwareRpc}) and retries with the same
 * client id and call id, so the leader's retry cache applies a retried request once. Its retries
 * are bounded; past them the outcome is unknown.
 *
 * <p>Ratis's ordered client closes its request window for good once a request ran out of
 * retries (or failed outright): every later request is then refused at once, unsent. Such a
 * client is replaced by a fresh one (a new client id) and the refused request is sent there;
 * requests already sent keep their client id and call id to the end, so only new requests get
 * the new id. The client is also rebuilt when the group's membership changes (a node that
 * joined empty gets its peers that way). A replaced client is closed once its requests are
 * over (their retries are bounded).
 */
final class Proposer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Proposer.class);

  private final RaftGroupId groupId;
  private final RaftProperties properties;
  private final int timeoutMs;
  private final ScheduledExecutorService timer;
  private final Set<RaftClient> retired = new HashSet<>();
  private volatile RaftClient client;
  private volatile RaftClient adminClient;
  private Collection<RaftPeer> clientPeers = List.of();
  private Set<RaftPeerId> clientPeerIds = Set.of();
  private boolean closed;
  private long replaced;
  private final EngineLoop loop;
  private volatile LocalSubmitter local;
  /** Entries sent and not yet answered, and whether they went straight into this server. */
  private final AtomicInteger inFlight = new AtomicInteger();
  private boolean inFlightLocal;
  /** Entries waiting for those in flight to finish (engine thread), and whether there are any. */
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private volatile boolean hasWaiting;
  private long localProposals;

  Proposer(RaftGroupId groupId, int timeoutMs, int maxOutstanding, ScheduledExecutorService timer,
      EngineLoop loop) {
    this.groupId = groupId;
    this.loop = loop;
    this.timeoutMs = timeoutMs;
    this.timer = timer;
    this.properties = new RaftProperties();
    RaftClientConfigKeys.Rpc.setRequestTimeout(properties,
        TimeDuration.valueOf(Math.max(1000, timeoutMs / 2), TimeUnit.MILLISECONDS));
    RaftClientConfigKeys.Async.setOutstandingRequestsMax(properties, maxOutstanding);
    // no dummy watch request opening each client's window: it is retried like a write, and
    // one that runs out of retries (elections at start) would close the window at once
    RaftClientConfigKeys.Async.Experimental.setSendDummyRequest(properties, false);
  }

  /** Once the server runs: this node's proposals go straight into it while it leads. */
  void attach(RaftServer server, RaftPeerId self, IntSupplier timeout) {
    local = new LocalSubmitter(server, groupId, self, timer, timeout, () -> {
      RaftClient c = adminClient;
      return c == null ? null : c.getClientRpc();
    });
  }

  /** Points the client at the group's current members (rebuilt only when they changed). */
  synchronized void updatePeers(Collection<RaftPeer> peers, RaftPeerId leader) {
    if (closed) return;
    Set<RaftPeerId> ids = new HashSet<>();
    for (RaftPeer p : peers) ids.add(p.getId());
    if (ids.equals(clientPeerIds) && client != null) return;
    RaftClient old = client;
    RaftClient oldAdmin = adminClient;
    clientPeers = List.copyOf(peers);
    clientPeerIds = ids;
    client = ids.isEmpty() ? null : newClient(leader, true);
    adminClient = ids.isEmpty() ? null : newClient(leader, false);
    if (old != null) retire(old);
    if (oldAdmin != null) retire(oldAdmin);
  }

  /**
   * A client of the group. Proposals and admin calls get separate clients: a proposal's retry
   * may reset the proposal client's connection to a server, which must not cut an admin call
   * (a leadership transfer) waiting on it.
   */
  private RaftClient newClient(RaftPeerId leader, boolean proposals) {
    ClientId id = ClientId.randomId();
    RaftClientRpc rpc = new GrpcFactory(new Parameters()).newRaftClientRpc(id, properties);
    return RaftClient.newBuilder()
        .setProperties(properties)
        .setClientId(id)
        .setClientRpc(proposals ? new TransferAwareRpc(rpc) : rpc)
        .setRaftGroup(RaftGroup.valueOf(groupId, clientPeers))
        .setLeaderId(leader != null && clientPeerIds.contains(leader) ? leader : null)
        .setRetryPolicy(retryPolicy())
        .build();
  }

  /** Replaces {@code dead} (a client whose request window closed) unless that happened already. */
  private synchronized void replace(RaftClient dead) {
    if (closed || client != dead) return;
    client = newClient(dead.getLeaderId(), true);
    replaced++;
    LOG.info("the Raft client {} stopped taking requests after one ran out of retries; continuing with {}",
        dead.getId(), client.getId());
    retire(dead);
  }

  /** Closes a replaced client once every request it sent has finished (or given up). */
  private void retire(RaftClient old) {
    retired.add(old);
    try {
      timer.schedule(() -> closeRetired(old), 2L * timeoutMs + 5000, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // shutting down: close() closes it
    }
  }

  private void closeRetired(RaftClient old) {
    synchronized (this) {
      if (!retired.remove(old)) return;
    }
    closeQuietly(old);
  }

  /**
   * Retries every 50 ms (leader unknown or changing, node unreachable) for up to twice the
   * reply timeout from the request's creation; past that the request fails and its outcome
   * stays unknown. Bounded so that an unreachable majority does not hold requests forever.
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

  /** Clients replaced because their request window had closed (INFO). */
  synchronized long replacedClients() {
    return replaced;
  }

  /**
   * Proposes an entry; the reply carries the leader's apply result. Entries leave in the order
   * they are proposed: while this node leads, straight into its own server
   * ({@link LocalSubmitter}), otherwise through the client to the leader. Requests of one way
   * are never overtaken by requests of the other: at a change of leader, new entries wait until
   * every entry sent the old way has its outcome (retries included), then go the new way.
   */
  CompletableFuture<RaftClientReply> send(byte[] entry) {
    CompletableFuture<RaftClientReply> f = new CompletableFuture<>();
    if (loop.onLoopThread()) route(entry, f);
    else loop.execute(() -> route(entry, f));
    return f;
  }

  /** Engine thread. */
  private void route(byte[] entry, CompletableFuture<RaftClientReply> f) {
    if (waiting.isEmpty() && canDispatch()) {
      dispatch(entry, f);
      return;
    }
    waiting.add(new Waiting(entry, f));
    hasWaiting = true;
    if (inFlight.get() == 0) drain(); // the last one in flight may have finished meanwhile
  }

  private boolean leadsHere() {
    LocalSubmitter l = local;
    return l != null && l.leads();
  }

  /** Engine thread: whether an entry may leave now (nothing in flight the other way). */
  private boolean canDispatch() {
    return inFlight.get() == 0 || inFlightLocal == leadsHere();
  }

  /** Engine thread. */
  private void dispatch(byte[] entry, CompletableFuture<RaftClientReply> f) {
    boolean here = leadsHere();
    inFlightLocal = here;
    inFlight.incrementAndGet();
    CompletableFuture<RaftClientReply> r = here ? local.submit(entry) : sendThroughClient(entry);
    r.whenComplete((reply, t) -> {
      if (inFlight.decrementAndGet() == 0 && hasWaiting) loop.execute(this::drain);
      if (t != null) f.completeExceptionally(t);
      else f.complete(reply);
    });
    if (here) localProposals++;
  }

  /** Engine thread: sends the entries that waited for a change of way. */
  private void drain() {
    while (!waiting.isEmpty() && canDispatch()) {
      Waiting w = waiting.poll();
      dispatch(w.entry(), w.future());
    }
    if (waiting.isEmpty()) hasWaiting = false;
  }

  private record Waiting(byte[] entry, CompletableFuture<RaftClientReply> future) {}

  /** Entries this node proposed straight into its own server while it led (INFO). */
  long localProposals() {
    return localProposals;
  }

  private CompletableFuture<RaftClientReply> sendThroughClient(byte[] entry) {
    Message m = Message.valueOf(UnsafeByteOperations.unsafeWrap(entry));
    for (int attempt = 0; ; attempt++) {
      RaftClient c = client;
      if (c == null) return CompletableFuture.failedFuture(new IOException("no members known"));
      CompletableFuture<RaftClientReply> f;
      try {
        f = c.async().send(m);
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
      if (attempt > 0 || !refusedUnsent(f)) return f;
      replace(c);
    }
  }

  /**
   * Whether the client refused the request on submission: its ordered window had already
   * failed, so it completed the request at once with {@link AlreadyClosedException}, without
   * sending it anywhere.
   */
  private static boolean refusedUnsent(CompletableFuture<RaftClientReply> f) {
    if (!f.isCompletedExceptionally()) return false;
    try {
      f.getNow(null);
      return false;
    } catch (CompletionException | CancellationException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof AlreadyClosedException) return true;
      }
      return false;
    }
  }

  /** The client for admin calls (membership, leadership transfer, snapshots), or null. */
  RaftClient client() {
    return adminClient;
  }

  @Override
  public void close() {
    LocalSubmitter l = local;
    if (l != null) l.close();
    List<RaftClient> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(retired);
      if (client != null) all.add(client);
      if (adminClient != null) all.add(adminClient);
      client = null;
      adminClient = null;
      retired.clear();
    }
    for (RaftClient c : all) closeQuietly(c);
  }

  private static void closeQuietly(RaftClient c) {
    try {
      c.close();
    } catch (IOException | RuntimeException e) {
      // closing anyway
    }
  }
}
