package io.kvstore.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.core.replication.ReplicaHandshake.State;
import io.kvstore.core.testing.Replies;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Expected texts are real redis-server 7.0.15 INFO replication / ROLE outputs. */
class ReplicationInfoTest {
  private static final String B = SequenceRandom.id('b');
  private static final String ZERO = ReplicationIds.CLEARED_ID;

  private static String text(Map<String, String> fields) {
    return fields.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
        .collect(Collectors.joining("\n"));
  }

  /** A replica that loaded a FULLRESYNC at offset 100 and applied 87 more bytes. */
  @Test
  void connectedReplica() {
    ReplicationLog log = new ReplicationLog(new ReplicationIds(new SequenceRandom()), 1 << 20,
        new BacklogPolicy(3600, 0));
    log.ids().adoptMaster(B, 100);
    log.createBacklog();
    log.feed(new byte[87]);
    ReplicationInfo info = new ReplicationInfo(log, new ReplicaAcks());
    ReplicationInfo.Link link = new ReplicationInfo.Link("127.0.0.1", 34637, State.CONNECTED, true,
        50_000, 187, 187, -1, 0, 50_000, 0, 100, true, true);
    assertThat(text(info.fields(50_400, link, 0, 10, "no-failover"))).isEqualTo("""
        role:slave
        master_host:127.0.0.1
        master_port:34637
        master_link_status:up
        master_last_io_seconds_ago:0
        master_sync_in_progress:0
        slave_read_repl_offset:187
        slave_repl_offset:187
        slave_priority:100
        slave_read_only:1
        replica_announced:1
        connected_slaves:0
        master_failover_state:no-failover
        master_replid:%s
        master_replid2:%s
        master_repl_offset:187
        second_repl_offset:-1
        repl_backlog_active:1
        repl_backlog_size:1048576
        repl_backlog_first_byte_offset:101
        repl_backlog_histlen:87""".formatted(B, ZERO));
    assertThat(Replies.text(info.role(link))).isEqualTo("[\"slave\", \"127.0.0.1\", :34637, \"connected\", :187]");
  }

  /** Waiting for the bulk length: Redis prints a size of -1 and a percentage of -0.00. */
  @Test
  void replicaDuringTransfer() {
    ReplicationLog log = new ReplicationLog(new ReplicationIds(new SequenceRandom()), 1 << 20,
        new BacklogPolicy(3600, 0));
    ReplicationInfo info = new ReplicationInfo(log, new ReplicaAcks());
    ReplicationInfo.Link waiting = new ReplicationInfo.Link("127.0.0.1", 41337, State.TRANSFER, false,
        0, 201, 201, -1, 0, 9_000, 0, 100, true, true);
    assertThat(text(info.fields(10_000, waiting, 0, 10, "no-failover"))).contains("""
        master_link_status:down
        master_last_io_seconds_ago:-1
        master_sync_in_progress:1
        slave_read_repl_offset:201
        slave_repl_offset:201
        master_sync_total_bytes:-1
        master_sync_read_bytes:0
        master_sync_left_bytes:-1
        master_sync_perc:-0.00
        master_sync_last_io_seconds_ago:1
        master_link_down_since_seconds:-1
        slave_priority:100""");
    ReplicationInfo.Link reading = new ReplicationInfo.Link("127.0.0.1", 41337, State.TRANSFER, false,
        0, 201, 201, 300, 7, 10_000, 0, 100, true, true);
    assertThat(text(info.fields(10_000, reading, 0, 10, "no-failover"))).contains("""
        master_sync_total_bytes:300
        master_sync_read_bytes:7
        master_sync_left_bytes:293
        master_sync_perc:2.33
        master_sync_last_io_seconds_ago:0
        """);
    assertThat(Replies.text(info.role(reading))).isEqualTo("[\"slave\", \"127.0.0.1\", :41337, \"sync\", :-1]");
    ReplicationInfo.Link down = new ReplicationInfo.Link("h", 1, State.CONNECT, false, 0, 5, 5, -1, 0,
        0, 3_000, 0, false, false);
    assertThat(text(info.fields(10_000, down, 0, 10, "no-failover")))
        .contains("master_link_down_since_seconds:7\nslave_priority:0\nslave_read_only:0\nreplica_announced:0")
        .doesNotContain("master_sync_total_bytes");
  }

  @Test
  void masterWithReplicas() {
    ReplicationLog log = new ReplicationLog(new ReplicationIds(new SequenceRandom()), 1 << 20,
        new BacklogPolicy(3600, 0));
    log.onFullSyncReplica(1);
    log.feed(new byte[211]);
    ReplicaAcks acks = new ReplicaAcks();
    acks.attach(5, "10.0.0.9", 7777, ReplicaAcks.State.WAIT_BGSAVE_END, 0);
    acks.markOnline(5, false, 1_000);
    acks.onAck(5, 999, 3_000);
    acks.attach(6, "10.0.0.8", 7778, ReplicaAcks.State.SEND_BULK, 0);
    acks.refreshGood(4_000, 1, 10);
    ReplicationInfo info = new ReplicationInfo(log, acks);
    assertThat(text(info.fields(4_500, null, 1, 10, "no-failover"))).isEqualTo("""
        role:master
        connected_slaves:2
        min_slaves_good_slaves:1
        slave0:ip=10.0.0.9,port=7777,state=online,offset=999,lag=1
        slave1:ip=10.0.0.8,port=7778,state=send_bulk,offset=0,lag=0
        master_failover_state:no-failover
        master_replid:%s
        master_replid2:%s
        master_repl_offset:211
        second_repl_offset:-1
        repl_backlog_active:1
        repl_backlog_size:1048576
        repl_backlog_first_byte_offset:1
        repl_backlog_histlen:211""".formatted(SequenceRandom.id('2'), ZERO));
    assertThat(Replies.text(info.role(null)))
        .isEqualTo("[\"master\", :211, [[\"10.0.0.9\", \"7777\", \"999\"]]]");
  }

  @Test
  void standaloneMasterWithoutBacklog() {
    ReplicationLog log = new ReplicationLog(new ReplicationIds(new SequenceRandom()), 1000,
        new BacklogPolicy(3600, 0));
    ReplicationInfo info = new ReplicationInfo(log, new ReplicaAcks());
    assertThat(text(info.fields(0, null, 0, 10, "no-failover"))).isEqualTo("""
        role:master
        connected_slaves:0
        master_failover_state:no-failover
        master_replid:%s
        master_replid2:%s
        master_repl_offset:0
        second_repl_offset:-1
        repl_backlog_active:0
        repl_backlog_size:16384
        repl_backlog_first_byte_offset:0
        repl_backlog_histlen:0""".formatted(SequenceRandom.id('1'), ZERO));
    assertThat(Replies.text(info.role(null))).isEqualTo("[\"master\", :0, []]");
  }
}
