package io.kvstore.raft;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * The Ratis server settings of a node: gRPC on its Raft address; read option LINEARIZABLE
 * (the read index used by lease reads; Ratis's default would serve possibly stale reads), with
 * the leader lease when {@code raft-read-mode lease}; election timeouts; a retry cache kept far longer than a client
 * retries; automatic snapshots every {@code raft-snapshot-entries} entries with the log purged
 * up to them (a follower behind the purged log gets the snapshot); no snapshot on stop (the store
 * is flushed on close and restart skips what it has). The log keeps Ratis's defaults: every
 * append is fsynced before it counts (no unsafe or async flush), batched by the log worker.
 * JVM system properties named {@code raft.server.*} or {@code raft.grpc.*} (Ratis's keys)
 * override any of this.
 */
final class RatisConfig {
  /** The largest log entry a node proposes; larger writes are refused before proposing. */
  static final int MAX_ENTRY_BYTES = 16 << 20;

  private RatisConfig() {}

  static RaftProperties properties(RaftSettings settings, int timeoutMs,
      java.util.function.Consumer<RaftProperties> tuning) {
    RaftProperties p = new RaftProperties();
    RaftServerConfigKeys.setStorageDir(p, List.of(settings.storageDir().toFile()));
    GrpcConfigKeys.Server.setHost(p, Peers.host(settings.address()));
    GrpcConfigKeys.Server.setPort(p, Peers.port(settings.address()));
    RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
    RaftServerConfigKeys.Read.setLeaderLeaseEnabled(p, settings.lease());
    RaftServerConfigKeys.Read.setTimeout(p, ms(timeoutMs));
    int election = settings.electionTimeoutMs();
    RaftServerConfigKeys.Rpc.setTimeoutMin(p, ms(election));
    RaftServerConfigKeys.Rpc.setTimeoutMax(p, ms(2L * election));
    RaftServerConfigKeys.Rpc.setRequestTimeout(p, ms(Math.max(3000, 3L * election)));
    // longer than a client keeps retrying a request, so a retried write is applied once
    RaftServerConfigKeys.RetryCache.setExpiryTime(p, ms(Math.max(600_000L, 10L * timeoutMs)));
    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, settings.snapshotEntries());
    RaftServerConfigKeys.Snapshot.setCreationGap(p, Math.min(1024, settings.snapshotEntries()));
    RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(p, false);
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
    RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.min(1024, settings.snapshotEntries()));
    // requests the leader accepts before answering "resource unavailable" (the default is 4096)
    RaftServerConfigKeys.Write.setElementLimit(p, 65536);
    entrySizeLimits(p);
    // Ratis's commit-index log records (its default): each commit is followed by such a record,
    // replicated like an entry, and that is how followers learn the commit index at once rather
    // than at the next heartbeat. Off, a follower's linearizable read waited up to a heartbeat
    // interval for its barrier (about 500 ms), for under 10% more write throughput.
    RaftServerConfigKeys.Log.setLogMetadataEnabled(p, true);
    // JVM system properties raft.server.* and raft.grpc.* override these (Ratis's own keys)
    for (String k : System.getProperties().stringPropertyNames()) {
      if (k.startsWith("raft.server.") || k.startsWith("raft.grpc.")) p.set(k, System.getProperty(k));
    }
    tuning.accept(p);
    return p;
  }

  /**
   * Room for the largest entry the raft mode proposes ({@link #MAX_ENTRY_BYTES}): Ratis's
   * appender buffer is also the largest entry its log reader accepts, and an entry above it
   * stops the leader's log appenders (4 MB by default: a single 5 MB SET stopped replication).
   * The log's write buffer (allocated once per node) must hold the appender buffer. gRPC
   * messages (64 MB by default) and pending write bytes (64 MB) already have room.
   */
  static void entrySizeLimits(RaftProperties p) {
    long appender = MAX_ENTRY_BYTES + (1L << 20);
    RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, SizeInBytes.valueOf(appender));
    RaftServerConfigKeys.Log.setWriteBufferSize(p, SizeInBytes.valueOf(appender + (1L << 20)));
  }

  private static TimeDuration ms(long v) {
    return TimeDuration.valueOf(v, TimeUnit.MILLISECONDS);
  }
}
