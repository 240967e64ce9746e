package io.kvstore.replication;

import io.kvstore.core.command.Args;
import io.kvstore.core.engine.ClientConnection;
import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.replication.PsyncDecision;
import io.kvstore.core.replication.ReplicaAcks;
import io.kvstore.core.replication.ReplicationIds;
import io.kvstore.persistence.rdb.RdbAux;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The master's side of replication (Redis 7.0 {@code syncCommand}, {@code replconfCommand},
 * {@code replicationFeedSlaves}, the replica part of {@code replicationCron}): what replicas
 * announce with REPLCONF, the PSYNC answer, full resyncs, and feeding the stream.
 *
 * <p><b>Feeding.</b> Stream bytes (already encoded, or forwarded from this node's own master) go
 * to the backlog, then to every replica: straight into the connection of a replica that is
 * streaming, into a held buffer for one that is receiving its snapshot (or, after a diskless
 * snapshot, waiting for its first ACK). Connections are flushed after the engine's commit, so a
 * replica never receives a write before the master's own store has it. A replica whose held
 * bytes or unsent output break {@code client-output-buffer-limit replica} is dropped with
 * Redis's log line.
 *
 * <p><b>Full resync.</b> The snapshot is taken on the engine thread at the {@code +FULLRESYNC}
 * offset (the store commits first), the stream's SELECT is reset so the held bytes start with
 * one, and a {@link FullSyncTransfer} thread sends the RDB. kvstore starts each transfer at once
 * (its snapshots are cheap, so there is nothing to share and {@code repl-diskless-sync-delay} is
 * not waited for).
 */
final class MasterSide {
  private static final int NET_HOST_STR_LEN = 256;

  /** What a connection announced with REPLCONF before its PSYNC. */
  private static final class Announced {
    int listeningPort;
    String ip;
    boolean capaEof;
    boolean capaPsync2;
  }

  /** One attached replica. */
  static final class Feed {
    final ClientSession session;
    final String ip;
    final int port;
    final boolean eof;
    final boolean preSync;
    final OutputLimit.Tracker limit = new OutputLimit.Tracker();
    ByteArrayOutputStream held;
    boolean dirty;
    boolean closed;
    volatile boolean headerSent;

    Feed(ClientSession session, String ip, int port, boolean eof, boolean preSync) {
      this.session = session;
      this.ip = ip;
      this.port = port;
      this.eof = eof;
      this.preSync = preSync;
    }

    String name() {
      return ip + ":" + (port == 0 ? "<unknown-replica-port>" : Integer.toString(port));
    }
  }

  private final Replication r;
  private final Map<Long, Announced> announced = new HashMap<>();
  private final Map<Long, Feed> feeds = new LinkedHashMap<>();

  MasterSide(Replication r) {
    this.r = r;
  }

  int replicaCount() {
    return feeds.size();
  }

  // ---------------------------------------------------------------- REPLCONF

  Reply replconf(ClientSession s, byte[][] argv) {
    if (argv.length % 2 == 0) return Reply.error(Errors.SYNTAX);
    for (int j = 1; j < argv.length; j += 2) {
      String opt = new String(argv[j], StandardCharsets.UTF_8);
      byte[] val = argv[j + 1];
      switch (opt.toLowerCase(java.util.Locale.ROOT)) {
        case "listening-port" -> {
          Long port = Args.tryParseLong(val);
          if (port == null) return Reply.error(Errors.NOT_INTEGER);
          announced(s).listeningPort = (int) (long) port;
        }
        case "ip-address" -> {
          if (val.length >= NET_HOST_STR_LEN) return Reply.error(Errors.replconfIpTooLong(val.length));
          announced(s).ip = new String(val, StandardCharsets.UTF_8);
        }
        case "capa" -> {
          String capa = new String(val, StandardCharsets.UTF_8);
          if (capa.equalsIgnoreCase("eof")) announced(s).capaEof = true;
          else if (capa.equalsIgnoreCase("psync2")) announced(s).capaPsync2 = true;
        }
        case "ack" -> {
          if (s.kind() != ClientSession.Kind.REPLICA) return Reply.NONE;
          Long offset = Args.tryParseLong(val);
          if (offset != null) onAck(s, offset);
          return Reply.NONE;
        }
        case "getack" -> {
          r.onGetAck();
          return Reply.NONE;
        }
        case "rdb-only", "rdb-filter-only" -> {
          // accepted for compatibility; kvstore always sends the whole dataset
        }
        default -> {
          return Reply.error(Errors.unrecognizedReplconf(opt));
        }
      }
    }
    return Reply.OK;
  }

  private Announced announced(ClientSession s) {
    return announced.computeIfAbsent(s.id(), id -> new Announced());
  }

  private void onAck(ClientSession s, long offset) {
    boolean start = r.acks().onAck(s.id(), offset, r.now());
    Feed f = feeds.get(s.id());
    if (start && f != null) startStreaming(f);
    r.releaseWaiters(r.waits().process());
  }

  // ---------------------------------------------------------------- PSYNC / SYNC

  Reply sync(ClientSession s, byte[][] argv, boolean psync) {
    if (s.kind() == ClientSession.Kind.REPLICA) return Reply.NONE; // already a replica: ignored
    if (psync && argv.length > 3 && new String(argv[3], StandardCharsets.UTF_8).equalsIgnoreCase("failover")) {
      r.log().warning("Failover request received for replid " + str(argv[1]) + ".");
      if (!r.isReplica()) return Reply.error(Errors.PSYNC_FAILOVER_TO_MASTER);
      if (!str(argv[1]).equalsIgnoreCase(r.ids().replid())) return Reply.error(Errors.PSYNC_FAILOVER_REPLID);
      r.unsetMaster("failover request from '" + r.clientInfo(s, "psync") + "'");
    }
    if (r.isReplica() && !r.linkConnected()) return Reply.error(Errors.NOMASTERLINK);
    if (r.node().hasPendingOutput(s)) return Reply.error(Errors.SYNC_PENDING_OUTPUT);
    Announced a = announced.getOrDefault(s.id(), new Announced());
    String ip = a.ip != null ? a.ip : peerIp(s.connection().remoteAddress());
    String name = ip + ":" + (a.listeningPort == 0 ? "<unknown-replica-port>" : a.listeningPort);
    r.log().notice("Replica " + name + " asks for synchronization");
    if (psync) {
      PsyncDecision d = PsyncDecision.decide(r.ids(), r.replLog().backlog(), str(argv[1]), str(argv[2]),
          a.capaPsync2, name);
      if (d instanceof PsyncDecision.Invalid inv) {
        r.log().warning("Replica " + name + " asks for synchronization but with a wrong offset");
        return Reply.error(inv.error());
      }
      d.account(r.node().stats());
      if (d instanceof PsyncDecision.Continue c) {
        Feed f = attach(s, ip, a, ReplicaAcks.State.ONLINE, false, false);
        send(f, d.immediateBytes());
        r.log().notice("Partial resynchronization request from " + name + " accepted. Sending "
            + c.backlogBytes().length + " bytes of backlog starting from offset " + c.offset() + ".");
        r.refreshGood();
        return Reply.NONE;
      }
      r.log().notice(((PsyncDecision.FullResync) d).reason());
    } else {
      r.node().stats().syncFull++;
    }
    return fullSync(s, ip, a, !psync);
  }

  private Feed attach(ClientSession s, String ip, Announced a, ReplicaAcks.State state,
      boolean eof, boolean preSync) {
    s.setKind(ClientSession.Kind.REPLICA);
    Feed f = new Feed(s, ip, a.listeningPort, eof, preSync);
    s.connection().becomeReplicaLink(reply -> rogueReply(f));
    r.acks().attach(s.id(), ip, a.listeningPort, state, r.now());
    feeds.put(s.id(), f);
    return f;
  }

  /** A command on the replica link produced a reply: Redis drops such a replica. */
  private void rogueReply(Feed f) {
    if (f.closed) return;
    r.log().warning("Replica generated a reply to command '" + f.session.lastCommand().toLowerCase(java.util.Locale.ROOT)
        + "', disconnecting it: " + r.clientInfo(f.session, null));
    drop(f, true);
  }

  private Reply fullSync(ClientSession s, String ip, Announced a, boolean preSync) {
    boolean eof = a.capaEof && r.node().config().getBool("repl-diskless-sync");
    Feed f = attach(s, ip, a, ReplicaAcks.State.WAIT_BGSAVE_START, eof, preSync);
    f.held = new ByteArrayOutputStream();
    ReplicationIds ids = r.ids();
    if (r.replLog().onFullSyncReplica(feeds.size())) {
      r.log().notice("Replication backlog created, my new replication IDs are '" + ids.replid()
          + "' and '" + ids.replid2() + "'");
    }
    r.log().notice("Starting BGSAVE for SYNC with target: " + (eof ? "replicas sockets" : "disk"));
    int streamDb = Math.max(0, r.encoder().selectedDb());
    r.writeMeta();
    Datasets.Snapshot snap;
    try {
      snap = r.datasets().snapshot();
    } catch (RuntimeException e) {
      r.log().warning("SYNC failed. BGSAVE child returned an error: " + e.getMessage());
      drop(f, true);
      return Reply.NONE;
    }
    long offset = ids.masterReplOffset();
    String replid = ids.replid();
    r.acks().setState(s.id(), ReplicaAcks.State.WAIT_BGSAVE_END);
    r.encoder().reset();
    ClientConnection conn = s.connection();
    if (!preSync) conn.sendRaw(PsyncDecision.fullResyncLine(replid, offset).getBytes(StandardCharsets.US_ASCII));
    conn.flush(); // before the transfer thread writes anything
    long now = r.now();
    RdbAux aux = RdbAux.of(now / 1000, r.node().rssBytes()).withReplication(streamDb, replid, offset);
    String mark = eof ? ReplicationIds.randomId(r.node().random()) : null;
    FullSyncTransfer t = new FullSyncTransfer(snap, aux, conn.openPayloadStream(), mark,
        r.node().clock(), listener(f));
    Thread th = new Thread(t, "kvstore-full-sync-" + s.id());
    th.setDaemon(true);
    th.start();
    return Reply.NONE;
  }

  private FullSyncTransfer.Listener listener(Feed f) {
    return new FullSyncTransfer.Listener() {
      @Override
      public void sendingBulk() {
        f.headerSent = true;
        r.loop().execute(() -> r.acks().setState(f.session.id(), ReplicaAcks.State.SEND_BULK));
      }

      @Override
      public void done(long rdbBytes) {
        r.loop().execute(() -> transferDone(f, rdbBytes));
      }

      @Override
      public void failed(Exception e) {
        r.loop().execute(() -> {
          if (f.closed) return;
          r.log().warning((f.eof ? "Diskless rdb transfer, write error sending DB to replica: "
              : "Write error sending DB to replica: ") + e.getMessage());
          drop(f, true);
        });
      }
    };
  }

  private void transferDone(Feed f, long rdbBytes) {
    if (f.closed) return;
    r.node().stats().netReplOutputBytes.add(rdbBytes);
    long now = r.now();
    if (f.eof) {
      r.log().notice("Streamed RDB transfer with replica " + f.name()
          + " succeeded (socket). Waiting for REPLCONF ACK from slave to enable streaming");
    }
    r.acks().markOnline(f.session.id(), f.eof, now);
    r.log().notice("Synchronization with replica " + f.name() + " succeeded");
    if (!f.eof) startStreaming(f);
    r.refreshGood();
  }

  private void startStreaming(Feed f) {
    if (f.held == null) return;
    byte[] b = f.held.toByteArray();
    f.held = null;
    if (b.length > 0) send(f, b);
  }

  // ---------------------------------------------------------------- the stream

  /** Stream bytes: backlog, then every replica (held or queued for the next flush). */
  void feed(byte[] bytes) {
    r.replLog().feed(bytes);
    if (feeds.isEmpty()) return;
    long now = r.now();
    List<Feed> over = null;
    for (Feed f : feeds.values()) {
      if (f.held != null) {
        f.held.write(bytes, 0, bytes.length);
      } else {
        send(f, bytes);
      }
      if (overLimit(f, now)) {
        if (over == null) over = new ArrayList<>();
        over.add(f);
      }
    }
    if (over != null) for (Feed f : over) dropOverLimit(f);
  }

  private void send(Feed f, byte[] bytes) {
    f.session.connection().sendRaw(bytes);
    f.dirty = true;
    r.node().stats().netReplOutputBytes.add(bytes.length);
  }

  private boolean overLimit(Feed f, long now) {
    long used = f.held != null ? f.held.size() : f.session.connection().pendingOutputBytes();
    return f.limit.exceeded(r.outputLimit(), used, now);
  }

  private void dropOverLimit(Feed f) {
    r.log().warning("Client " + r.clientInfo(f.session, null)
        + " scheduled to be closed ASAP for overcoming of output buffer limits.");
    drop(f, true);
  }

  /** After the engine's commit: writes what was queued for each replica. */
  void flush() {
    for (Feed f : feeds.values()) {
      if (f.dirty) {
        f.dirty = false;
        f.session.connection().flush();
      }
    }
  }

  // ---------------------------------------------------------------- cron, lifecycle

  /** The replica part of replicationCron, once a second. */
  void cron(long now) {
    byte[] ping = r.encoder().cronPing(!r.isReplica(), feeds.size(),
        r.node().config().getInt("repl-ping-replica-period"));
    if (ping.length > 0) feed(ping);
    long timeout = r.node().config().getLong("repl-timeout");
    for (Feed f : new ArrayList<>(feeds.values())) {
      ReplicaAcks.Replica rep = r.acks().get(f.session.id());
      if (rep == null) continue;
      if (rep.state() == ReplicaAcks.State.WAIT_BGSAVE_END && !f.eof && !f.headerSent) {
        f.session.connection().sendRaw(new byte[] {'\n'}); // keepalive while the snapshot is prepared
        f.session.connection().flush();
      }
      if (rep.state() == ReplicaAcks.State.ONLINE && !f.preSync
          && now / 1000 - rep.ackTimeMs() / 1000 > timeout) {
        r.log().warning("Disconnecting timedout replica (streaming sync): " + f.name());
        drop(f, true);
        continue;
      }
      if (overLimit(f, now)) dropOverLimit(f);
    }
  }

  /** A client connection closed. */
  void onClose(ClientSession s) {
    announced.remove(s.id());
    Feed f = feeds.get(s.id());
    if (f == null) return;
    r.log().warning("Connection with replica " + f.name() + " lost.");
    drop(f, false);
  }

  /** Every replica is disconnected (promotion, new replication history). */
  void disconnectAll() {
    for (Feed f : new ArrayList<>(feeds.values())) drop(f, true);
  }

  private void drop(Feed f, boolean close) {
    if (f.closed) return;
    f.closed = true;
    f.held = null;
    feeds.remove(f.session.id());
    if (r.acks().detach(f.session.id())) r.replLog().onNoReplicas(r.now());
    if (close) f.session.connection().close();
    r.refreshGood();
  }

  private static String str(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  /** The ip of an {@code ip:port} / {@code [v6]:port} address. */
  static String peerIp(String address) {
    int colon = address.lastIndexOf(':');
    String ip = colon < 0 ? address : address.substring(0, colon);
    if (ip.startsWith("[") && ip.endsWith("]")) ip = ip.substring(1, ip.length() - 1);
    return ip;
  }
}
