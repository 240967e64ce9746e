package io.kvstore.replication;

import io.kvstore.core.config.Config;
import io.kvstore.core.replication.ReplicaHandshake;
import io.kvstore.core.replication.ReplicaHandshake.State;
import io.kvstore.core.replication.ReplicaOffsets;
import io.kvstore.core.replication.ReplicationIds;
import io.kvstore.core.replication.ReplicationInfo;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A replica's link to its master (Redis 7.0 {@code connectWithMaster}, {@code syncWithMaster},
 * {@code readSyncBulkPayload}, the master client): the connection, the handshake (driven by the
 * pure {@link ReplicaHandshake}), the snapshot transfer and load, then the stream.
 *
 * <p><b>Threading.</b> The connection lives on the engine's own event loop, and every event is
 * handled as an engine task, so applying the master's commands is as single-threaded as running
 * a client's. Only loading a snapshot runs elsewhere: the payload is handed through a
 * {@link SyncPipe} to a loader thread that fills a new dataset beside the current one; reading
 * from the master pauses while the pipe is full. The node serves its previous data until the
 * new dataset is complete and installed in one step (a truncated or corrupt RDB, or a lost link,
 * leaves it untouched).
 *
 * <p><b>Offsets.</b> Each command's bytes count once it has executed ({@link ReplicaOffsets}),
 * except inside a MULTI, whose bytes count (and are forwarded) together at its EXEC, as Redis
 * counts them. What counted is forwarded unchanged to this node's backlog and sub-replicas.
 * When the link drops while connected, the master's id, the applied offset and the stream's
 * database are cached, so the next handshake asks to continue ({@code PSYNC <id> <offset+1>}).
 */
final class MasterLink {
  private final Replication r;
  final String host;
  final int port;
  private ReplicaHandshake hs;
  private Channel channel;
  private int generation;
  private boolean stopped;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  private SnapshotReceiver snapshot;

  // connected
  private MasterClient master;
  private long downSinceMs;

  // the cached master (PSYNC after a reconnection)
  private String cachedReplid;
  private long cachedOffset;
  private long cachedRead;
  private int cachedDb = -1;

  MasterLink(Replication r, String host, int port) {
    this.r = r;
    this.host = host;
    this.port = port;
    this.hs = new ReplicaHandshake(settings());
  }

  /** The master state to PSYNC with: a demoted master's own, a restarted replica's stored one. */
  void cacheMaster(String replid, long offset, int db) {
    cachedReplid = replid;
    cachedOffset = offset;
    cachedRead = offset;
    cachedDb = db;
  }

  /** The next master continues from the state this (stopped) link cached. */
  void inheritCache(MasterLink old) {
    cacheMaster(old.cachedReplid, old.cachedOffset, old.cachedDb);
    cachedRead = old.cachedRead;
    downSinceMs = old.downSinceMs;
  }

  boolean connected() {
    return hs.state() == State.CONNECTED && master != null;
  }

  State state() {
    return hs.state();
  }

  /** The stream's current database as persisted with the data (-1 when unknown). */
  int streamDb() {
    if (master != null) return master.db();
    return cachedReplid != null ? cachedDb : -1;
  }

  /** What a link lost while connected leaves behind, to hand to the next master. */
  String cachedReplid() {
    return cachedReplid;
  }

  private ReplicaHandshake.Settings settings() {
    Config c = r.node().config();
    int announcePort = c.getInt("replica-announce-port");
    int listen = announcePort != 0 ? announcePort : r.node().tcpPort();
    return new ReplicaHandshake.Settings(c.get("masteruser"), c.get("masterauth"), listen,
        c.get("replica-announce-ip"), 5000, c.getLong("repl-timeout"));
  }

  // ---------------------------------------------------------------- connecting

  void connect() {
    if (stopped) return;
    hs = new ReplicaHandshake(settings());
    if (cachedReplid != null) hs.setCachedMaster(cachedReplid, cachedOffset);
    int gen = ++generation;
    hs.onConnecting(r.now());
    r.log().notice("MASTER <-> REPLICA sync started");
    MasterConnector.connect(r, host, port, gen, events);
  }

  /** The current connection attempt's events (older attempts' are ignored). */
  private final MasterConnector.Events events = new MasterConnector.Events() {
    @Override
    public void connected(int gen, Channel ch) {
      if (gen != generation || stopped) {
        ch.close();
        return;
      }
      channel = ch;
      r.log().notice("Non blocking connect for SYNC fired the event.");
      handle(hs.onConnected(r.now()), State.CONNECTING, null, 0);
    }

    @Override
    public void received(int gen, byte[] bytes) {
      if (gen == generation) onBytes(bytes, 0);
    }

    @Override
    public void closed(int gen) {
      if (gen == generation) lost(gen);
    }

    @Override
    public void connectFailed(int gen, String why) {
      if (gen != generation) return;
      r.log().warning("Error condition on socket for SYNC: " + why);
      lost(gen);
    }
  };

  // ---------------------------------------------------------------- bytes from the master

  private void onBytes(byte[] b, int from) {
    long now = r.now();
    int i = from;
    while (i < b.length && hs.state().inHandshake()) {
      byte c = b[i++];
      if (c != '\n') {
        if (line.size() > 64 * 1024) {
          fail("Bad protocol from MASTER: reply line too long during the handshake");
          return;
        }
        line.write(c);
        continue;
      }
      byte[] raw = line.toByteArray();
      line.reset();
      int n = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
      String text = new String(raw, 0, n, StandardCharsets.ISO_8859_1);
      List<ReplicaHandshake.Action> actions;
      State prev = hs.state();
      try {
        actions = hs.onLine(text, now);
      } catch (IllegalStateException e) {
        fail("Unexpected reply from MASTER during the handshake: '" + text + "'");
        return;
      }
      handle(actions, prev, b, i);
      return; // handle() consumed what follows the line
    }
    if (i >= b.length) return;
    if (hs.state() == State.TRANSFER) {
      if (snapshot != null) {
        hs.onIo(r.now());
        snapshot.feed(slice(b, i));
      }
    } else if (hs.state() == State.CONNECTED && master != null) {
      onStream(slice(b, i));
    }
  }

  private static byte[] slice(byte[] b, int from) {
    if (from == 0) return b;
    byte[] out = new byte[b.length - from];
    System.arraycopy(b, from, out, 0, out.length);
    return out;
  }

  /** Carries out the handshake's actions; {@code rest} (from {@code from}) followed the line. */
  private void handle(List<ReplicaHandshake.Action> actions, State prev, byte[] rest, int from) {
    for (ReplicaHandshake.Action a : actions) {
      if (a instanceof ReplicaHandshake.Send s) {
        if (prev == State.RECEIVE_CAPA_REPLY) logPsync();
        write(s.bytes());
      } else if (a instanceof ReplicaHandshake.Log l) {
        r.log().notice(l.text());
      } else if (a instanceof ReplicaHandshake.StartFullSync f) {
        r.log().notice("Full resync from master: " + f.replid() + ":" + f.offset());
        startTransfer(f.replid(), f.offset());
      } else if (a instanceof ReplicaHandshake.FallbackToSync) {
        r.log().notice("Retrying with SYNC...");
        startTransfer("", -1);
      } else if (a instanceof ReplicaHandshake.Continue c) {
        onContinue(c.newReplid());
      } else if (a instanceof ReplicaHandshake.RetryLater l) {
        r.log().notice(l.reason());
        closeAndRetry();
        return;
      } else if (a instanceof ReplicaHandshake.Fail f) {
        r.log().warning(f.reason());
        closeAndRetry();
        return;
      }
    }
    if (rest != null && from < rest.length && channel != null) onBytes(rest, from);
  }

  private void logPsync() {
    if (cachedReplid != null) {
      r.log().notice("Trying a partial resynchronization (request " + cachedReplid + ":"
          + (cachedOffset + 1) + ").");
    } else {
      r.log().notice("Partial resynchronization not possible (no cached master)");
    }
  }

  private void write(byte[] bytes) {
    Channel ch = channel;
    if (ch == null) return;
    r.node().stats().netOutputBytes.add(bytes.length);
    ch.writeAndFlush(Unpooled.wrappedBuffer(bytes), ch.voidPromise());
  }

  // ---------------------------------------------------------------- full resync

  private void startTransfer(String replid, long offset) {
    if (cachedReplid != null) r.log().notice("Discarding previously cached master state.");
    cachedReplid = null;
    snapshot = new SnapshotReceiver(r, this, channel, replid, offset);
    snapshot.start();
  }

  /** The snapshot is received and loaded: install it and start the stream. */
  void snapshotReady(SnapshotReceiver s) {
    if (s != snapshot) return;
    long now = r.now();
    snapshot = null;
    r.attachToNewMaster();
    r.log().notice("MASTER <-> REPLICA sync: Swapping active DB with loaded DB");
    byte[] rest;
    try {
      rest = s.install();
    } catch (RuntimeException e) {
      s.abort();
      fail("Failed trying to install the MASTER synchronization DB: " + e.getMessage());
      return;
    }
    String replid = s.replid.length() == ReplicationIds.ID_LENGTH ? s.replid
        : ReplicationIds.randomId(r.node().random());
    r.adoptMaster(replid, Math.max(0, s.offset));
    hs.onSyncLoaded(now);
    createMasterClient(0, r.ids().masterReplOffset(), now);
    r.log().notice("MASTER <-> REPLICA sync: Finished with success");
    if (s.eofForm()) sendAck();
    if (rest.length > 0) onStream(rest);
  }

  /** The snapshot could not be received or loaded: the current dataset stays, reconnect. */
  void snapshotFailed(String why) {
    snapshot = null;
    fail(why);
  }

  // ---------------------------------------------------------------- partial resync, stream

  private void onContinue(String newReplid) {
    long now = r.now();
    r.log().notice("Successful partial resynchronization with master.");
    if (newReplid != null && r.ids().onContinue(newReplid)) {
      r.log().warning("Master replication ID changed to " + newReplid);
      r.master().disconnectAll();
    }
    r.replLog().createBacklog();
    int db = cachedDb >= 0 ? cachedDb : 0;
    cachedReplid = null;
    createMasterClient(db, r.ids().masterReplOffset(), now);
    r.log().notice("MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization.");
  }

  private void createMasterClient(int db, long offset, long now) {
    master = new MasterClient(r, this, db, offset, now);
    downSinceMs = 0;
  }

  private void onStream(byte[] bytes) {
    long now = r.now();
    hs.onIo(now);
    byte[] applied;
    try {
      applied = master.apply(bytes, now);
    } catch (IllegalStateException e) {
      fail("Protocol error from MASTER: " + e.getMessage());
      return;
    }
    if (applied.length > 0) r.forwardFromMaster(applied);
  }

  /** An error reply queued for the master client (see {@link MasterClient#criticalError}). */
  void criticalError(String error) {
    if (master != null) master.criticalError(error);
  }

  /** REPLCONF ACK with the applied offset (every second, and on GETACK). */
  void sendAck() {
    if (hs.state() != State.CONNECTED || master == null) return;
    write(master.offsets.ack());
  }

  // ---------------------------------------------------------------- cron, loss, stop

  /** The replica part of replicationCron, once a second. */
  void cron(long now) {
    if (stopped) return;
    for (ReplicaHandshake.Action a : hs.onTimeout(now)) {
      if (a instanceof ReplicaHandshake.Fail f) r.log().warning(f.reason());
      else if (a instanceof ReplicaHandshake.RetryLater l) r.log().warning(l.reason());
      closeAndRetry();
      return;
    }
    switch (hs.state()) {
      case CONNECT -> {
        if (!r.started()) return;
        r.log().notice("Connecting to MASTER " + host + ":" + port);
        connect();
      }
      case TRANSFER -> write(new byte[] {'\n'});
      case CONNECTED -> sendAck();
      default -> { }
    }
  }

  private void fail(String why) {
    r.log().warning(why);
    closeAndRetry();
  }

  /** Drops the connection; the cron reconnects. */
  void closeAndRetry() {
    Channel ch = channel;
    lost(generation);
    if (ch != null) ch.close();
  }

  private void lost(int gen) {
    if (gen != generation) return;
    generation++;
    Channel ch = channel;
    channel = null;
    line.reset();
    long now = r.now();
    if (hs.state() == State.CONNECTED && master != null) {
      r.log().warning("Connection with master lost.");
      r.log().notice("Caching the disconnected master state.");
      cacheMaster(r.ids().replid(), master.offsets.applied(), master.db());
      cachedRead = master.offsets.read();
      downSinceMs = now;
    } else if (hs.state() == State.TRANSFER) {
      r.log().warning("I/O error trying to sync with MASTER: connection lost");
    }
    MasterClient m = master;
    master = null;
    if (m != null) m.close();
    abortTransfer();
    if (hs.state() != State.NONE) hs.onLinkLost();
    if (ch != null) ch.close();
  }

  private void abortTransfer() {
    SnapshotReceiver s = snapshot;
    snapshot = null;
    if (s != null) s.abort();
  }

  /** REPLICAOF to another master or NO ONE: closes the link for good. */
  void stop() {
    if (stopped) return;
    Channel ch = channel;
    lost(generation);
    stopped = true;
    hs.stop();
    if (ch != null) ch.close();
  }

  // ---------------------------------------------------------------- INFO / ROLE

  ReplicationInfo.Link infoLink(long now) {
    Config c = r.node().config();
    long read = 1;
    long applied = 1;
    if (master != null) {
      read = master.offsets.read();
      applied = master.offsets.applied();
    } else if (cachedReplid != null) {
      read = cachedRead;
      applied = cachedOffset;
    }
    return new ReplicationInfo.Link(host, port, hs.state(), master != null,
        master != null ? master.lastInteractionMs : 0,
        read, applied, snapshot != null ? snapshot.transferSize() : -1,
        snapshot != null ? snapshot.transferRead() : 0, snapshot != null ? snapshot.lastIoMs() : 0,
        downSinceMs, c.getInt("replica-priority"), c.getBool("replica-read-only"),
        c.getBool("replica-announced"));
  }

  /** The master client's address for CLIENT LIST. */
  String address() {
    return host + ":" + port;
  }

  String localAddress() {
    Channel ch = channel;
    if (ch != null && ch.localAddress() instanceof java.net.InetSocketAddress a) {
      return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
    return "?:0";
  }

  /** Drops the link at the engine's request (CLIENT KILL of the master client). */
  void killed() {
    if (master != null) closeAndRetry();
  }
}
