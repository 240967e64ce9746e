package io.kvstore.replication;

import io.kvstore.core.replication.BulkPayloadParser;
import io.kvstore.core.replication.ReplicationIds;
import io.netty.channel.Channel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One full resync as the replica receives it (Redis 7.0 {@code readSyncBulkPayload}, with
 * {@code repl-diskless-load swapdb}'s promise: the old dataset is served until the new one is
 * complete). The framing is read by the pure {@link BulkPayloadParser}; the RDB bytes go through
 * a {@link SyncPipe} to a loader thread that fills a new dataset ({@link Datasets.Load}) with the
 * {@code +FULLRESYNC} id and offset as its metadata. Stream bytes that follow the snapshot are
 * held until it is installed. Reading from the master pauses while the pipe or the held stream
 * is too full.
 *
 * <p>Engine thread, except the loader. The link is told once the snapshot is both completely
 * received and completely loaded ({@link MasterLink#snapshotReady}), or that it failed (bad
 * framing, master error, corrupt or truncated RDB); {@link #abort} (link lost) makes a running
 * load fail and discards it. Either way nothing of a failed load reaches the current dataset.
 */
final class SnapshotReceiver {
  private static final long PIPE_HIGH_WATER = 8L << 20;
  private static final long HELD_STREAM_PAUSE = 8L << 20;

  private final Replication r;
  private final MasterLink link;
  private final Channel channel;
  final String replid;
  final long offset;
  private final BulkPayloadParser bulk = new BulkPayloadParser();
  private final ByteArrayOutputStream held = new ByteArrayOutputStream();
  private final Datasets.Load load;
  private final SyncPipe pipe;
  private boolean loaded;
  private boolean finished;
  private boolean installed;
  private long lastIoMs;

  SnapshotReceiver(Replication r, MasterLink link, Channel channel, String replid, long offset) {
    this.r = r;
    this.link = link;
    this.channel = channel;
    this.replid = replid;
    this.offset = offset;
    this.lastIoMs = r.now();
    this.load = r.datasets().beginLoad();
    this.pipe = new SyncPipe(PIPE_HIGH_WATER, () -> r.loop().execute(this::resumeIfRoom));
  }

  /** Starts the loader thread. */
  void start() {
    Map<String, byte[]> meta = meta(replid, offset);
    Thread t = new Thread(() -> {
      try {
        long keys = load.load(pipe, meta);
        r.loop().execute(() -> loaded(keys));
      } catch (Exception e) {
        load.abort();
        r.loop().execute(() -> loadFailed(e));
      }
    }, "kvstore-sync-load");
    t.setDaemon(true);
    t.start();
  }

  /** The replication metadata the new dataset is installed with. */
  private static Map<String, byte[]> meta(String replid, long offset) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put(ReplicationIds.META_REPL_ID, ascii(replid));
    m.put(ReplicationIds.META_REPL_ID2, ascii(ReplicationIds.CLEARED_ID));
    m.put(ReplicationIds.META_SECOND_OFFSET, ascii("-1"));
    m.put(ReplicationIds.META_OFFSET, ascii(Long.toString(offset)));
    m.put(ReplicationIds.META_STREAM_DB, ascii(offset < 0 ? "-1" : "0"));
    return m;
  }

  long transferSize() { return bulk.transferSize(); }
  long transferRead() { return bulk.transferRead(); }
  long lastIoMs() { return lastIoMs; }
  boolean eofForm() { return bulk.eofForm(); }

  /** Bytes from the master after {@code +FULLRESYNC}. */
  void feed(byte[] bytes) {
    if (finished) return;
    lastIoMs = r.now();
    if (bulk.done()) {
      hold(bytes);
      return;
    }
    boolean headerKnown = bulk.transferSize() != -1;
    BulkPayloadParser.Result res = bulk.feed(bytes);
    if (!headerKnown && bulk.transferSize() != -1) {
      r.log().notice(bulk.eofForm()
          ? "MASTER <-> REPLICA sync: receiving streamed RDB from master with EOF to parser"
          : "MASTER <-> REPLICA sync: receiving " + bulk.transferSize() + " bytes from master to parser");
      r.log().notice("MASTER <-> REPLICA sync: Loading DB in memory");
    }
    if (res.error() != null) {
      abort();
      link.snapshotFailed(res.error());
      return;
    }
    if (res.payload().length > 0 && pipe.offer(res.payload())) channel.config().setAutoRead(false);
    if (res.done()) {
      pipe.finish();
      hold(res.rest());
      if (loaded) ready();
    }
  }

  private void hold(byte[] bytes) {
    held.write(bytes, 0, bytes.length);
    if (held.size() >= HELD_STREAM_PAUSE) channel.config().setAutoRead(false);
  }

  private void resumeIfRoom() {
    if (!finished && !pipe.full() && held.size() < HELD_STREAM_PAUSE) channel.config().setAutoRead(true);
  }

  private void loaded(long keys) {
    if (finished) {
      load.abort();
      return;
    }
    r.log().notice("MASTER <-> REPLICA sync: " + keys + " keys loaded");
    loaded = true;
    if (bulk.done()) ready();
  }

  private void loadFailed(Exception e) {
    if (finished) return;
    finished = true;
    link.snapshotFailed("Failed trying to load the MASTER synchronization DB from socket: "
        + e.getMessage());
  }

  private void ready() {
    finished = true;
    link.snapshotReady(this);
  }

  /** Engine thread: makes the new dataset current; returns the stream bytes held meanwhile. */
  byte[] install() {
    load.install();
    installed = true;
    channel.config().setAutoRead(true);
    return held.toByteArray();
  }

  /** The link was lost or the master failed: discards everything received. */
  void abort() {
    if (installed) return;
    finished = true;
    pipe.fail("the link with the master was lost");
    if (loaded) load.abort(); // else the loader fails on the pipe and aborts
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
