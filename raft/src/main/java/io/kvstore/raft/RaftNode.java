package io.kvstore.raft;

import io.kvstore.core.config.Config;
import io.kvstore.core.engine.EngineLoop;
import io.kvstore.core.engine.Node;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of the raft mode: its Ratis server (log, elections, replication over gRPC, snapshot
 * shipping), the state machine applying entries through the node's engine, and what the node's
 * engine uses: the {@link RaftBackend} for client commands, the RAFT/READONLY/READWRITE/WAIT/ROLE
 * commands, the {@code raft} and {@code replication} INFO sections, the leader's expiry cycle
 * ({@link LeaderExpiry}) and the announcement of this node's client addresses.
 *
 * <p>Start it after the engine loop and before the client listeners; close it before the loop
 * (applying needs the loop). The store must be opened with the WAL off: the Raft log is the
 * write-ahead log.
 */
public final class RaftNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RaftNode.class);
  /** One group per kvstore cluster, with a fixed id. */
  static final RaftGroupId GROUP_ID =
      RaftGroupId.valueOf(UUID.nameUUIDFromBytes("kvstore-raft-group".getBytes(java.nio.charset.StandardCharsets.UTF_8)));

  private final RaftSettings settings;
  private final EngineLoop loop;
  private final Node node;
  private final RaftPeerId selfId;
  private final NodeDirectory directory = new NodeDirectory();
  private final Applier applier;
  private final Proposer proposer;
  private final ProposalBatcher batcher;
  private final ExecutorService admin;
  private final ScheduledExecutorService timer;
  private final AtomicBoolean closed = new AtomicBoolean();
  private RaftServer server;
  private volatile RaftServer.Division division;
  private KvStateMachine stateMachine;
  private volatile ReadBarrier readBarrier;
  private volatile String respAddress = "";
  private volatile String grpcAddress = "";
  private java.util.function.Consumer<RaftProperties> tuning = p -> {};
  private boolean announcing;
  private long lastAnnounceMs;

  private RaftNode(RaftSettings settings, EngineLoop loop) {
    this.settings = settings;
    this.loop = loop;
    this.node = loop.engine().node();
    this.selfId = RaftPeerId.valueOf(settings.id());
    this.applier = new Applier(loop.engine(), directory);
    this.admin = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "raft-admin-" + settings.id());
      t.setDaemon(true);
      return t;
    });
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "raft-timer-" + settings.id());
      t.setDaemon(true);
      return t;
    });
    this.proposer = new Proposer(GROUP_ID, node.config().getInt("raft-timeout"), 1 << 20, timer, loop);
    this.batcher = new ProposalBatcher(proposer::send, loop::execute, this::timeoutMs);
  }

  /**
   * Starts the raft mode on a node whose engine loop runs: installs the backend, commands and
   * INFO sections, then starts the Ratis server (which replays the log into the store).
   */
  public static RaftNode start(Config config, EngineLoop loop, StateStore stateStore) {
    return start(config, loop, stateStore, p -> {});
  }

  /** As {@link #start(Config, EngineLoop, StateStore)}, with extra Ratis tuning (tests). */
  static RaftNode start(Config config, EngineLoop loop, StateStore stateStore,
      java.util.function.Consumer<RaftProperties> tuning) {
    RaftNode n = new RaftNode(RaftSettings.from(config), loop);
    n.tuning = tuning;
    try {
      n.startAll(stateStore);
    } catch (IOException | RuntimeException e) {
      n.close();
      if (e instanceof IOException io) throw new UncheckedIOException("raft start failed: " + io.getMessage(), io);
      throw (RuntimeException) e;
    }
    return n;
  }

  private void startAll(StateStore stateStore) throws IOException {
    checkStorage();
    node.setDeletesExpiredKeys(false);
    RaftBackend backend = new RaftBackend(this, loop);
    stateMachine = new KvStateMachine(loop, applier, stateStore, node.clock(), new KvStateMachine.Events() {
      @Override
      public void leaderChanged(RaftPeerId leader) {
        refreshClient();
      }

      @Override
      public void configurationChanged() {
        refreshClient();
      }

      @Override
      public void applied(long index) {
        if (readBarrier != null) readBarrier.applied(index);
        backend.applied(index);
      }
    }, this::fatal);
    List<RaftPeer> peers = new ArrayList<>();
    if (settings.initialMember()) {
      for (Map.Entry<String, String> e : settings.peers().entrySet()) {
        peers.add(RaftPeer.newBuilder().setId(e.getKey()).setAddress(e.getValue()).build());
      }
    }
    server = RaftServer.newBuilder()
        .setServerId(selfId)
        .setGroup(RaftGroup.valueOf(GROUP_ID, peers))
        .setStateMachine(stateMachine)
        .setProperties(RatisConfig.properties(settings, timeoutMs(), tuning))
        .setOption(RaftStorage.StartupOption.RECOVER)
        .build();
    server.start();
    division = server.getDivision(GROUP_ID);
    proposer.attach(server, selfId, this::timeoutMs);
    readBarrier = new ReadBarrier(server, GROUP_ID, selfId, loop, timer, this::timeoutMs,
        settings.lease(), proposer, () -> applier.applied().index());
    refreshClient();
    LeaderExpiry expiry = new LeaderExpiry(this, loop);
    loop.call(e -> {
      node.setBackend(backend);
      node.addBeforeCommitHook(batcher::flush);
      node.addCron(expiry);
      node.addCron(this::announceCron);
      RaftInfo.install(node, this);
      RaftCommands.register(node.commands(), this);
      return null;
    }).join();
    LOG.info("raft node {} started at {} ({} initial members, storage {})", settings.id(),
        settings.address(), peers.size(), settings.storageDir());
  }

  /** Refuses a store that has applied entries when the Raft log that produced them is gone. */
  private void checkStorage() throws IOException {
    Path groupDir = settings.storageDir().resolve(GROUP_ID.getUuid().toString());
    if (Files.isDirectory(groupDir)) return;
    AppliedState a = loop.call(e -> AppliedState.decode(e.node().store().getMeta(AppliedState.META_KEY))).join();
    if (a.index() > 0) {
      throw new IllegalStateException("the store has applied Raft log entries up to index " + a.index()
          + " but the Raft storage " + groupDir + " is missing; restore it or empty the data directory");
    }
    Files.createDirectories(settings.storageDir());
  }

  private void refreshClient() {
    RaftServer.Division d = division;
    if (d == null || closed.get()) return;
    Collection<RaftPeer> peers = d.getRaftConf().getCurrentPeers();
    proposer.updatePeers(peers, d.getInfo().getLeaderId());
  }

  private void fatal(Throwable t) {
    LOG.error("applying a Raft log entry failed; stopping the Raft server of {} so it cannot diverge",
        settings.id(), t);
    Thread stop = new Thread(() -> {
      try {
        if (server != null) server.close();
      } catch (IOException | RuntimeException e) {
        LOG.warn("closing the Raft server failed: {}", e.toString());
      }
    }, "raft-fatal-stop");
    stop.setDaemon(true);
    stop.start();
  }

  /**
   * Announces this node's client listeners (ports 0 = disabled) on the first address of
   * {@code bind}, or on its Raft address's host when bound to every interface.
   */
  public void announce(String bind, int respPort, int grpcPort) {
    String first = bind == null ? "" : bind.trim().split("\\s+")[0];
    if (first.startsWith("-")) first = first.substring(1);
    boolean any = first.isEmpty() || first.equals("*") || first.equals("0.0.0.0") || first.equals("::")
        || first.equals("::*");
    String host = any ? Peers.host(settings.address()) : first;
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    setClientAddresses(respPort > 0 ? h + ":" + respPort : "", grpcPort > 0 ? h + ":" + grpcPort : "");
  }

  /** Sets the client addresses this node announces to the group (after its listeners started). */
  public void setClientAddresses(String resp, String grpc) {
    respAddress = resp == null ? "" : resp;
    grpcAddress = grpc == null ? "" : grpc;
  }

  /** Cron (engine thread): announces this node's addresses until the replicated directory has them. */
  private void announceCron(long now) {
    if (announcing || closed.get() || leaderId() == null || !isMember()) return;
    NodeDirectory.Addresses want = new NodeDirectory.Addresses(respAddress, grpcAddress);
    if (want.equals(directory.get(settings.id())) || now - lastAnnounceMs < 1000) return;
    announcing = true;
    lastAnnounceMs = now;
    proposer.send(EntryCodec.nodeInfo(settings.id(), want.resp(), want.grpc()))
        .whenComplete((r, t) -> loop.execute(() -> announcing = false));
  }

  // ------------------------------------------------------------------ views for the mode's parts

  public RaftSettings settings() {
    return settings;
  }

  Proposer proposer() {
    return proposer;
  }

  ProposalBatcher batcher() {
    return batcher;
  }

  ReadBarrier readBarrier() {
    return readBarrier;
  }

  NodeDirectory directory() {
    return directory;
  }

  KvStateMachine stateMachine() {
    return stateMachine;
  }

  Applier applier() {
    return applier;
  }

  Node node() {
    return node;
  }

  EngineLoop loop() {
    return loop;
  }

  /** Blocking Raft admin calls (membership, transfer, snapshots) run here, off the engine thread. */
  public ExecutorService adminExecutor() {
    return admin;
  }

  /** Short timers (WAIT polling). */
  ScheduledExecutorService timer() {
    return timer;
  }

  /**
   * How many other members hold the log up to {@code index}: the leader counts followers whose
   * match index reached it; a follower counts members whose reported commit index did.
   */
  int replicasHaving(long index) {
    RaftServer.Division d = division;
    if (d == null) return 0;
    int n = 0;
    if (d.getInfo().isLeader()) {
      long[] match = d.getInfo().getFollowerMatchIndices();
      if (match != null) for (long m : match) if (m >= index) n++;
      return n;
    }
    for (CommitInfoProto c : d.getCommitInfos()) {
      if (!c.getServer().getId().toStringUtf8().equals(settings.id()) && c.getCommitIndex() >= index) n++;
    }
    return n;
  }

  public RaftPeerId selfId() {
    return selfId;
  }

  /** The division, or null before start / after a fatal stop. */
  public RaftServer.Division division() {
    return division;
  }

  public int timeoutMs() {
    return node.config().getInt("raft-timeout");
  }

  /** Raft time for a read: the clock, never before the last applied entry's time. */
  long raftNow() {
    return Math.max(node.clock().millis(), applier.lastTimestamp());
  }

  /** Whether this node is a voting member of the group's current configuration. */
  boolean isMember() {
    RaftServer.Division d = division;
    return d != null && d.getRaftConf().getPeer(selfId, RaftPeerRole.FOLLOWER) != null;
  }

  RaftPeerId leaderId() {
    RaftServer.Division d = division;
    return d == null || !d.getInfo().isAlive() ? null : d.getInfo().getLeaderId();
  }

  boolean isLeader() {
    RaftServer.Division d = division;
    return d != null && d.getInfo().isLeader();
  }

  boolean isLeaderReady() {
    RaftServer.Division d = division;
    return d != null && d.getInfo().isLeader() && d.getInfo().isLeaderReady();
  }

  /** The leader's RESP address from the replicated directory, or null. */
  String leaderRespAddress() {
    RaftPeerId l = leaderId();
    NodeDirectory.Addresses a = l == null ? null : directory.get(l.toString());
    return a == null ? null : a.resp();
  }

  /** Addresses of a member from the replicated directory, or null. */
  public NodeDirectory.Addresses addresses(String id) {
    return directory.get(id);
  }

  public RaftStatus status() {
    RaftServer.Division d = division;
    if (d == null) {
      return new RaftStatus(settings.id(), "none", 0, "", "", 0, 0, -1, Map.of(), Map.of(), new long[0], false);
    }
    var info = d.getInfo();
    boolean alive = info.isAlive();
    String role = !alive || !isMember() && info.getCurrentRole() != RaftPeerRole.LISTENER ? "none"
        : info.getCurrentRole().name().toLowerCase(java.util.Locale.ROOT);
    RaftPeerId leader = leaderId();
    Map<String, String> members = new TreeMap<>();
    for (RaftPeer p : d.getRaftConf().getCurrentPeers()) members.put(p.getId().toString(), p.getAddress());
    Map<String, Long> commits = new LinkedHashMap<>();
    for (CommitInfoProto c : d.getCommitInfos()) {
      commits.put(c.getServer().getId().toStringUtf8(), c.getCommitIndex());
    }
    long[] match = info.isLeader() ? info.getFollowerMatchIndices() : null;
    String leaderResp = leaderRespAddress();
    return new RaftStatus(settings.id(), role, info.getCurrentTerm(), leader == null ? "" : leader.toString(),
        leaderResp == null ? "" : leaderResp, d.getRaftLog().getLastCommittedIndex(),
        info.getLastAppliedIndex(), stateMachine.snapshotIndex(), members, commits,
        match == null ? new long[0] : match, isLeaderReady());
  }

  /** Stops the Ratis server (it finishes applying what is committed, through the loop). */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    proposer.close();
    try {
      if (server != null) server.close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("closing the Raft server failed: {}", e.toString());
    }
    admin.shutdownNow();
    timer.shutdownNow();
  }
}
