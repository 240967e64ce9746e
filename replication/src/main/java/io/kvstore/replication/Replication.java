package io.kvstore.replication;

import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.engine.Effect;
import io.kvstore.core.engine.EffectSink;
import io.kvstore.core.engine.Engine;
import io.kvstore.core.engine.EngineLoop;
import io.kvstore.core.engine.Node;
import io.kvstore.core.replication.BacklogPolicy;
import io.kvstore.core.replication.ReplicaAcks;
import io.kvstore.core.replication.ReplicationIds;
import io.kvstore.core.replication.ReplicationInfo;
import io.kvstore.core.replication.ReplicationLog;
import io.kvstore.core.replication.StreamEncoder;
import io.kvstore.core.replication.WaitTracker;
import io.kvstore.core.reply.Reply;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;

/**
 * A node's async replication, Redis 7.0's model: one instance per node, everything on the
 * engine thread. It owns the replication history ({@link ReplicationLog}: ids, offset,
 * backlog), the master side ({@link MasterSide}) and, while the node is a replica, the link to
 * its master ({@link MasterLink}); it is the node's effect sink, its replication gates, its INFO
 * "replication" section and the home of REPLCONF, PSYNC, SYNC, REPLICAOF, ROLE and WAIT.
 *
 * <p><b>Roles.</b> A master encodes the effects of its writes into the stream. A replica never
 * does (its writes, if writable, stay local, and it deletes no expired keys): it forwards the
 * bytes it applied from its master, so ids and offsets are identical down a chain.
 * {@code REPLICAOF host port} keeps connected replicas (they may continue partially) and
 * PSYNCs the new master with the node's own history; {@code REPLICAOF NO ONE} keeps the old
 * history as replid2 so the other replicas can continue with the promoted node.
 *
 * <p><b>Persistence.</b> Before every commit of the engine loop the replication id, replid2,
 * second offset, offset and stream db are written as store metadata when they changed, so they
 * become durable atomically with the data they describe: a restarted replica PSYNCs from exactly
 * the data it has, and a restarted master serves its stored id as replid2 so its replicas
 * continue partially. (The store is opened, and its data loaded, before the node listens, so a
 * restarted master never accepts a replica before its dataset is back.)
 */
public final class Replication {
  private static final String UNBLOCKED =
      "UNBLOCKED force unblock from blocking operation, instance state changed (master -> replica?)";

  private final Node node;
  private final EngineLoop loop;
  private final Datasets datasets;
  private final EventLoop ioLoop;
  private final ReplicationLogger log;
  private final ReplicationIds ids;
  private final ReplicationLog replLog;
  private final ReplicaAcks acks = new ReplicaAcks();
  private final WaitTracker waits = new WaitTracker(acks);
  private final StreamEncoder encoder = new StreamEncoder();
  private final ReplicationInfo info;
  private final MasterSide master;
  private final Map<ClientSession, Long> writeOffsets = new WeakHashMap<>();
  private final List<Consumer<Boolean>> roleListeners = new ArrayList<>();
  private MasterLink link;
  private boolean started;
  private long lastCronSec = -1;
  private boolean metaWritten;
  private int writtenDb;
  private long writtenOffset;
  private long writtenSecond;
  private String writtenId;
  private String writtenId2;
  private String limitText;
  private OutputLimit limit;

  private Replication(Node node, EngineLoop loop, Datasets datasets, EventLoop ioLoop,
      ReplicationLogger log) {
    this.node = node;
    this.loop = loop;
    this.datasets = datasets;
    this.ioLoop = ioLoop;
    this.log = log;
    long now = node.clock().millis();
    this.ids = new ReplicationIds(node.random());
    this.replLog = new ReplicationLog(ids, node.config().getLong("repl-backlog-size"),
        new BacklogPolicy(node.config().getLong("repl-backlog-ttl"), now));
    this.info = new ReplicationInfo(replLog, acks);
    this.master = new MasterSide(this);
  }

  /**
   * Installs replication on a node whose engine runs on {@code ioLoop} (the replica's link to
   * its master is opened on that same loop). Call before the engine loop starts: it restores
   * the stored replication state and, when {@code replicaof} is configured, starts as a replica.
   */
  public static Replication install(Node node, EngineLoop loop, Datasets datasets, EventLoop ioLoop,
      ReplicationLogger log) {
    Replication r = new Replication(node, loop, datasets, ioLoop, log);
    node.setEffectSink(r.new Sink());
    node.addBeforeCommitHook(r::beforeCommit);
    node.addAfterCommitHook(r.master::flush);
    node.addCloseHook(r::onClose);
    node.addCron(r::cron);
    node.gates().add(new ReplicationGates(r));
    node.addInfoSection(new ReplicationSection(r));
    node.config().onChange("repl-backlog-size", v -> r.replLog.resize(Long.parseLong(v)));
    node.config().onChange("repl-backlog-ttl", v -> r.replLog.policy().setTtlSeconds(Long.parseLong(v)));
    // CONFIG SET runs on the engine thread; the good-replica count is refreshed at once, as Redis
    node.config().onChange("min-replicas-to-write", v -> r.refreshGood());
    node.config().onChange("min-replicas-max-lag", v -> r.refreshGood());
    ReplicationCommands.register(node.commands(), r);
    r.restore();
    return r;
  }

  private void restore() {
    ReplicationIds.Meta meta = ReplicationIds.Meta.read(node.store()::getMeta);
    String replicaof = node.config().get("replicaof").trim();
    if (!replicaof.isEmpty()) {
      String[] hp = replicaof.split("\\s+");
      boolean restored = ids.restartAsReplica(meta);
      becomeReplica(hp[0], Integer.parseInt(hp[1]), restored ? meta : null, null);
    } else if (replLog.restartAsMaster(meta, now())) {
      log.notice("Restored the replication history: replid2 " + ids.replid2()
          + " valid up to offset " + ids.secondReplOffset() + ", offset " + ids.masterReplOffset());
    }
    node.setReplId(ids.replid());
  }

  /**
   * Lets a configured replica connect to its master, once the node listens (so it announces
   * its real port). Any thread.
   */
  public void start() {
    loop.execute(() -> started = true);
  }

  /**
   * Before the node stops: closes the link to the master (a snapshot being loaded is abandoned,
   * so its loader thread ends) and the replica links (their transfers end). Any thread but the
   * engine's own waits up to 5 seconds for it.
   */
  public void shutdown() {
    Runnable stop = () -> {
      if (link != null) link.stop();
      master.disconnectAll();
    };
    if (loop.onLoopThread()) {
      stop.run();
      return;
    }
    try {
      loop.call(engine -> {
        stop.run();
        return null;
      }).get(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      log.warning("Stopping replication: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------- accessors

  public Node node() { return node; }
  public EngineLoop loop() { return loop; }
  public ReplicationIds ids() { return ids; }
  public boolean isReplica() { return link != null; }
  Engine engine() { return loop.engine(); }
  Datasets datasets() { return datasets; }
  EventLoop ioLoop() { return ioLoop; }
  ReplicationLogger log() { return log; }
  ReplicationLog replLog() { return replLog; }
  ReplicaAcks acks() { return acks; }
  WaitTracker waits() { return waits; }
  StreamEncoder encoder() { return encoder; }
  MasterSide master() { return master; }
  long now() { return node.clock().millis(); }

  boolean started() {
    return started;
  }

  boolean linkConnected() {
    return link != null && link.connected();
  }

  /** Called with true when the node becomes a replica, false when it becomes a master. */
  public void onRoleChange(Consumer<Boolean> listener) {
    roleListeners.add(listener);
  }

  OutputLimit outputLimit() {
    String v = node.config().get("client-output-buffer-limit");
    if (!v.equals(limitText)) {
      limit = OutputLimit.parse(v);
      limitText = v;
    }
    return limit;
  }

  // ---------------------------------------------------------------- roles

  /**
   * REPLICAOF host port ({@code requester} describes the client), or a configured
   * {@code replicaof} at startup ({@code requester} null; {@code restored} is the stored state a
   * restarted replica continues from, or null).
   */
  void becomeReplica(String host, int port, ReplicationIds.Meta restored, String requester) {
    boolean wasMaster = link == null;
    MasterLink old = link;
    if (old != null) old.stop();
    unblockAllWaiters();
    link = new MasterLink(this, host, port);
    if (wasMaster && (requester != null || restored != null)) {
      log.notice("Before turning into a replica, using my own master parameters to synthesize a "
          + "cached master: I may be able to synchronize with the new master with just a partial transfer.");
      link.cacheMaster(ids.replid(), ids.masterReplOffset(), restored != null ? restored.streamDb() : -1);
    } else if (old != null && old.cachedReplid() != null) {
      link.inheritCache(old);
    }
    node.setDeletesExpiredKeys(false);
    node.config().set("replicaof", host + " " + port, true);
    if (wasMaster) roleListeners.forEach(l -> l.accept(true));
    if (started) {
      log.notice("Connecting to MASTER " + host + ":" + port);
      link.connect();
    }
    if (requester != null) {
      log.notice("REPLICAOF " + host + ":" + port + " enabled (user request from '" + requester + "')");
    }
  }

  /** The master this replica follows, or null on a master. */
  MasterLink link() {
    return link;
  }

  /** REPLICAOF NO ONE: promotion, keeping the inherited history as replid2. */
  void unsetMaster(String why) {
    if (link == null) return;
    link.stop();
    if (link.cachedReplid() != null) log.notice("Discarding previously cached master state.");
    link = null;
    replLog.promote(now());
    log.warning("Setting secondary replication ID to " + ids.replid2() + ", valid up to offset: "
        + ids.secondReplOffset() + ". New replication ID is " + ids.replid());
    master.disconnectAll();
    encoder.reset();
    node.setDeletesExpiredKeys(true);
    node.config().set("replicaof", "", true);
    node.setReplId(ids.replid());
    roleListeners.forEach(l -> l.accept(false));
    log.notice("MASTER MODE enabled (" + why + ")");
  }

  /** A replica starts loading a new master's snapshot: its own replicas must resync. */
  void attachToNewMaster() {
    master.disconnectAll();
    replLog.freeBacklog();
  }

  /** The snapshot from the master is installed: its id and offset are now ours. */
  void adoptMaster(String replid, long offset) {
    ids.adoptMaster(replid, offset);
    replLog.createBacklog();
    node.setReplId(replid);
    metaWritten = false;
  }

  /** Bytes applied from this node's master, forwarded unchanged to backlog and sub-replicas. */
  void forwardFromMaster(byte[] bytes) {
    master.feed(bytes);
  }

  /** REPLCONF GETACK (from our master): answer at once with the applied offset. */
  void onGetAck() {
    if (link != null) link.sendAck();
  }

  private void unblockAllWaiters() {
    for (long id : waits.clear()) {
      ClientSession c = node.clients().get(id);
      if (c == null || !c.blocked()) continue;
      c.setCloseAfterReply();
      loop.unblock(c, Reply.error(UNBLOCKED));
    }
  }

  void releaseWaiters(List<WaitTracker.Release> releases) {
    for (WaitTracker.Release rel : releases) {
      ClientSession c = node.clients().get(rel.clientId());
      if (c == null) continue;
      loop.execute(() -> {
        if (c.blocked()) loop.unblock(c, Reply.integer(rel.count()));
      });
    }
  }

  /** The offset WAIT waits for: the client's last write (0 when it never wrote). */
  long writeOffset(ClientSession s) {
    return writeOffsets.getOrDefault(s, 0L);
  }

  void refreshGood() {
    acks.refreshGood(now(), node.config().getInt("min-replicas-to-write"),
        node.config().getLong("min-replicas-max-lag"));
  }

  // ---------------------------------------------------------------- engine hooks

  /** The effects of a write, encoded into the stream (masters only). */
  private final class Sink implements EffectSink {
    @Override
    public void append(List<Effect> effects) {
      append(null, effects);
    }

    @Override
    public void append(ClientSession session, List<Effect> effects) {
      if (link != null) return;
      if (replLog.backlog() == null && master.replicaCount() == 0) return;
      master.feed(encoder.encode(effects));
      if (session != null) writeOffsets.put(session, ids.masterReplOffset());
    }
  }

  private void beforeCommit() {
    if (link == null && waits.takeGetAckRequest() && replLog.backlog() != null) {
      master.feed(encoder.getAck());
    }
    writeMeta();
  }

  /** Writes the replication metadata if it changed since last written (engine thread). */
  void writeMeta() {
    int db = streamDb();
    if (metaWritten && db == writtenDb && ids.masterReplOffset() == writtenOffset
        && ids.replid().equals(writtenId) && ids.replid2().equals(writtenId2)
        && ids.secondReplOffset() == writtenSecond) {
      return; // the common case, checked without allocating: nothing changed
    }
    ids.toMeta(db).forEach((k, v) -> node.store().putMeta(k, v));
    metaWritten = true;
    writtenDb = db;
    writtenOffset = ids.masterReplOffset();
    writtenId = ids.replid();
    writtenId2 = ids.replid2();
    writtenSecond = ids.secondReplOffset();
  }

  /** The stream db stored with the data; -1 means "nothing to continue from" (Redis's rsi). */
  private int streamDb() {
    if (link != null) return link.streamDb();
    return replLog.backlog() != null ? Math.max(0, encoder.selectedDb()) : -1;
  }

  private void onClose(ClientSession s) {
    master.onClose(s);
    waits.cancel(s.id());
    writeOffsets.remove(s);
  }

  private void cron(long now) {
    releaseWaiters(waits.tick(now));
    if (now / 1000 == lastCronSec) return;
    lastCronSec = now / 1000;
    if (link != null) link.cron(now);
    master.cron(now);
    if (replLog.cron(now, master.replicaCount(), link == null)) {
      node.setReplId(ids.replid());
      log.notice("Replication backlog freed after " + replLog.policy().ttlSeconds()
          + " seconds without connected replicas.");
    }
    refreshGood();
  }

  // ---------------------------------------------------------------- views

  Map<String, String> infoFields() {
    long now = now();
    return info.fields(now, link == null ? null : link.infoLink(now),
        node.config().getInt("min-replicas-to-write"), node.config().getLong("min-replicas-max-lag"),
        "no-failover");
  }

  Reply role() {
    return info.role(link == null ? null : link.infoLink(now()));
  }

  /** Whether writes are refused for lack of good replicas (NOREPLICAS). */
  boolean notEnoughReplicas() {
    return link == null && !acks.enoughGoodReplicas(node.config().getInt("min-replicas-to-write"),
        node.config().getLong("min-replicas-max-lag"));
  }

  /** CLIENT LIST-style description of a client for log lines ({@code cmd} null: its last one). */
  String clientInfo(ClientSession s, String cmd) {
    return "id=" + s.id() + " addr=" + s.connection().remoteAddress() + " laddr="
        + s.connection().localAddress() + " name=" + s.name() + " db=" + s.db() + " flags="
        + s.flagString() + " cmd=" + (cmd != null ? cmd : s.lastCommand().toLowerCase(java.util.Locale.ROOT));
  }
}
