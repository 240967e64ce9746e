package io.kvstore.core.replication;

import io.kvstore.core.reply.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * INFO replication fields and the ROLE reply, in Redis 7.0's order and formats
 * ({@code genRedisInfoString}, {@code roleCommand}).
 *
 * <p>A replica first shows its link: {@code role:slave}, master_host, master_port,
 * master_link_status (up only when CONNECTED), master_last_io_seconds_ago (-1 without a master
 * connection), master_sync_in_progress, slave_read_repl_offset, slave_repl_offset, the transfer
 * progress while syncing, master_link_down_since_seconds while not connected (-1 if it never
 * was), slave_priority, slave_read_only, replica_announced. Both roles then show
 * connected_slaves, min_slaves_good_slaves (only when min-replicas is on), one
 * {@code slaveN:ip=,port=,state=,offset=,lag=} line per replica, master_failover_state, the ids
 * and offsets, and the backlog (zeros when there is none). Seconds are whole unix seconds.
 */
public final class ReplicationInfo {

  /**
   * A replica's link. {@code masterClient} is true while a master connection exists (then
   * {@code lastInteractionMs} counts); the offsets are those of the master or cached master
   * (Redis shows 1 when it has neither); {@code downSinceMs} is 0 when the link never was up.
   */
  public record Link(String masterHost, int masterPort, ReplicaHandshake.State state,
      boolean masterClient, long lastInteractionMs, long readOffset, long appliedOffset,
      long transferSize, long transferRead, long transferLastIoMs, long downSinceMs,
      int priority, boolean readOnly, boolean announced) {}

  private final ReplicationLog log;
  private final ReplicaAcks acks;

  public ReplicationInfo(ReplicationLog log, ReplicaAcks acks) {
    this.log = log;
    this.acks = acks;
  }

  /** The fields of INFO replication; {@code link} is null on a master. */
  public Map<String, String> fields(long nowMs, Link link, int minReplicasToWrite,
      long minReplicasMaxLag, String failoverState) {
    Map<String, String> m = new LinkedHashMap<>();
    long nowSec = nowMs / 1000;
    m.put("role", link == null ? "master" : "slave");
    if (link != null) {
      m.put("master_host", link.masterHost());
      m.put("master_port", Integer.toString(link.masterPort()));
      m.put("master_link_status", link.state() == ReplicaHandshake.State.CONNECTED ? "up" : "down");
      m.put("master_last_io_seconds_ago",
          Long.toString(link.masterClient() ? nowSec - link.lastInteractionMs() / 1000 : -1));
      boolean syncing = link.state() == ReplicaHandshake.State.TRANSFER;
      m.put("master_sync_in_progress", syncing ? "1" : "0");
      m.put("slave_read_repl_offset", Long.toString(link.readOffset()));
      m.put("slave_repl_offset", Long.toString(link.appliedOffset()));
      if (syncing) {
        long size = link.transferSize();
        long read = link.transferRead();
        double perc = size != 0 ? ((double) read / size) * 100 : 0;
        m.put("master_sync_total_bytes", Long.toString(size));
        m.put("master_sync_read_bytes", Long.toString(read));
        m.put("master_sync_left_bytes", Long.toString(size - read));
        m.put("master_sync_perc", String.format(Locale.ROOT, "%.2f", perc));
        m.put("master_sync_last_io_seconds_ago",
            Long.toString(nowSec - link.transferLastIoMs() / 1000));
      }
      if (link.state() != ReplicaHandshake.State.CONNECTED) {
        m.put("master_link_down_since_seconds",
            Long.toString(link.downSinceMs() != 0 ? nowSec - link.downSinceMs() / 1000 : -1));
      }
      m.put("slave_priority", Integer.toString(link.priority()));
      m.put("slave_read_only", link.readOnly() ? "1" : "0");
      m.put("replica_announced", link.announced() ? "1" : "0");
    }
    m.put("connected_slaves", Integer.toString(acks.size()));
    if (minReplicasToWrite != 0 && minReplicasMaxLag != 0) {
      m.put("min_slaves_good_slaves", Integer.toString(acks.goodCount()));
    }
    int n = 0;
    for (ReplicaAcks.Replica r : acks.all()) {
      m.put("slave" + n++, "ip=" + r.ip() + ",port=" + r.listeningPort() + ",state="
          + r.state().infoName() + ",offset=" + r.ackOffset() + ",lag=" + r.lagSeconds(nowMs));
    }
    ReplicationIds ids = log.ids();
    Backlog b = log.backlog();
    m.put("master_failover_state", failoverState);
    m.put("master_replid", ids.replid());
    m.put("master_replid2", ids.replid2());
    m.put("master_repl_offset", Long.toString(ids.masterReplOffset()));
    m.put("second_repl_offset", Long.toString(ids.secondReplOffset()));
    m.put("repl_backlog_active", b != null ? "1" : "0");
    m.put("repl_backlog_size", Long.toString(log.backlogSize()));
    m.put("repl_backlog_first_byte_offset", Long.toString(b != null ? b.firstByteOffset() : 0));
    m.put("repl_backlog_histlen", Long.toString(b != null ? b.histlen() : 0));
    return m;
  }

  /**
   * ROLE: {@code [master, offset, [[ip, port, acked offset]...]]} (online replicas only, inner
   * values bulk strings) or {@code [slave, host, port, state, offset]} (offset -1 without a
   * master connection).
   */
  public Reply role(Link link) {
    if (link == null) {
      List<Reply> replicas = new ArrayList<>();
      for (ReplicaAcks.Replica r : acks.online()) {
        replicas.add(Reply.array(Reply.bulk(r.ip()), Reply.bulk(Integer.toString(r.listeningPort())),
            Reply.bulk(Long.toString(r.ackOffset()))));
      }
      return Reply.array(Reply.bulk("master"), Reply.integer(log.ids().masterReplOffset()),
          Reply.array(replicas));
    }
    return Reply.array(Reply.bulk("slave"), Reply.bulk(link.masterHost()),
        Reply.integer(link.masterPort()), Reply.bulk(link.state().roleName()),
        Reply.integer(link.masterClient() ? link.appliedOffset() : -1));
  }
}
