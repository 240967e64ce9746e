package io.kvstore.core.replication;

import io.kvstore.core.engine.Stats;
import java.io.ByteArrayOutputStream;

/** One simulated node of a replication script: the pure models wired as a server would. */
final class SimNode {
  final String name;
  final ReplicationLog log;
  final ReplicaAcks acks = new ReplicaAcks();
  final WaitTracker waits = new WaitTracker(acks);
  final StreamEncoder encoder = new StreamEncoder();
  final ReplicationInfo info;
  final Stats stats = new Stats();
  int pingPeriod = 10;
  int minReplicasToWrite;
  long minReplicasMaxLag = 10;

  // replica side
  ReplicaHandshake handshake;
  BulkPayloadParser bulk;
  ReplicaOffsets offsets;
  String masterHost;
  int masterPort;
  String syncReplid;
  long syncOffset;
  long downSinceMs;
  long lastInteractionMs;
  final ByteArrayOutputStream pendingStream = new ByteArrayOutputStream();

  SimNode(String name, ReplicationIds ids, long backlogSize, long ttl, long nowMs) {
    this.name = name;
    this.log = new ReplicationLog(ids, backlogSize, new BacklogPolicy(ttl, nowMs));
    this.info = new ReplicationInfo(log, acks);
  }

  boolean isReplica() {
    return handshake != null;
  }

  ReplicationInfo.Link link() {
    if (handshake == null) return null;
    boolean connected = handshake.state() == ReplicaHandshake.State.CONNECTED;
    long read = offsets != null ? offsets.read() : 1;
    long applied = offsets != null ? offsets.applied() : 1;
    return new ReplicationInfo.Link(masterHost, masterPort, handshake.state(), connected,
        lastInteractionMs, read, applied, bulk != null ? bulk.transferSize() : -1,
        bulk != null ? bulk.transferRead() : 0, handshake.lastIoMs(), downSinceMs, 100, true, true);
  }
}
