package io.kvstore.raft;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.TimeDuration;

/**
 * The Ratis server settings of a node: gRPC on its Raft address; read option LINEARIZABLE
 * (the read index used by lease reads; Ratis's default would serve possibly stale reads), with
 * the leader lease when {@code raft-read-mode lease}; election timeouts; a retry cache kept far longer than a client
 * retries; automatic snapshots every {@code raft-snapshot-entries} entries with the log purged
 * up to them (a follower behind the purged log gets the snapshot); no snapshot on stop (the store
 * is flushed on close and restart skips what it has). The log keeps Ratis's defaults: every
 * append is fsynced before it counts (no unsafe or async flush), batched by the log worker.
 */
final class RatisConfig {
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
    tuning.accept(p);
    return p;
  }

  private static TimeDuration ms(long v) {
    return TimeDuration.valueOf(v, TimeUnit.MILLISECONDS);
  }
}
