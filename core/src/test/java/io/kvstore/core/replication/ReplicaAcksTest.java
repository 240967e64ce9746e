package io.kvstore.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.core.replication.ReplicaAcks.State;
import org.junit.jupiter.api.Test;

class ReplicaAcksTest {
  private final ReplicaAcks acks = new ReplicaAcks();

  @Test
  void acksOnlyRaiseTheOffsetButAlwaysRefreshTheTime() {
    acks.attach(1, "10.0.0.1", 6380, State.ONLINE, 1_000);
    acks.onAck(1, 100, 2_000);
    acks.onAck(1, 50, 5_500);
    assertThat(acks.get(1).ackOffset()).isEqualTo(100);
    assertThat(acks.get(1).ackTimeMs()).isEqualTo(5_500);
    assertThat(acks.get(1).lagSeconds(9_400)).isEqualTo(4);
    assertThat(acks.onAck(99, 10, 0)).isFalse(); // not a replica: ignored
  }

  @Test
  void lagIsZeroUntilOnline() {
    acks.attach(1, "h", 1, State.WAIT_BGSAVE_START, 0);
    assertThat(acks.get(1).lagSeconds(100_000)).isZero();
    assertThat(State.WAIT_BGSAVE_START.infoName()).isEqualTo("wait_bgsave");
    assertThat(State.WAIT_BGSAVE_END.infoName()).isEqualTo("wait_bgsave");
    assertThat(State.SEND_BULK.infoName()).isEqualTo("send_bulk");
    assertThat(State.ONLINE.infoName()).isEqualTo("online");
  }

  @Test
  void disklessReplicaStreamStartsOnFirstAck() {
    acks.attach(1, "h", 1, State.WAIT_BGSAVE_END, 0);
    acks.markOnline(1, true, 1_000);
    assertThat(acks.get(1).waitingFirstAck()).isTrue();
    assertThat(acks.onAck(1, 500, 1_200)).isTrue();
    assertThat(acks.onAck(1, 510, 1_300)).isFalse();
    acks.attach(2, "h", 2, State.WAIT_BGSAVE_END, 0);
    acks.markOnline(2, false, 1_000);
    assertThat(acks.onAck(2, 500, 1_200)).isFalse();
  }

  @Test
  void countAckedCountsOnlineReplicasAtOrPastTheOffset() {
    acks.attach(1, "h", 1, State.ONLINE, 0);
    acks.attach(2, "h", 2, State.ONLINE, 0);
    acks.attach(3, "h", 3, State.SEND_BULK, 0);
    acks.onAck(1, 100, 0);
    acks.onAck(2, 99, 0);
    acks.onAck(3, 500, 0);
    assertThat(acks.countAcked(99)).isEqualTo(2);
    assertThat(acks.countAcked(100)).isEqualTo(1);
    assertThat(acks.countAcked(101)).isZero();
    assertThat(acks.online()).extracting(ReplicaAcks.Replica::clientId).containsExactly(1L, 2L);
  }

  @Test
  void goodReplicasUseWholeSecondsAndACachedCount() {
    acks.attach(1, "h", 1, State.ONLINE, 1_000_999);
    acks.attach(2, "h", 2, State.ONLINE, 1_001_000);
    assertThat(acks.goodReplicas(1_011_999, 10)).isEqualTo(1); // 1011 - 1000 = 11 > 10
    assertThat(acks.goodReplicas(1_010_999, 10)).isEqualTo(2);
    assertThat(acks.goodCount()).isZero(); // not refreshed yet
    acks.refreshGood(1_010_999, 2, 10);
    assertThat(acks.goodCount()).isEqualTo(2);
    assertThat(acks.enoughGoodReplicas(2, 10)).isTrue();
    acks.refreshGood(1_011_999, 2, 10);
    assertThat(acks.enoughGoodReplicas(2, 10)).isFalse();
    assertThat(acks.enoughGoodReplicas(0, 10)).isTrue();
    assertThat(acks.enoughGoodReplicas(2, 0)).isTrue();
    acks.refreshGood(5_000_000, 0, 10); // feature off: not recomputed
    assertThat(acks.goodCount()).isEqualTo(1);
  }

  @Test
  void detachTellsWhenTheLastOneLeft() {
    acks.attach(1, "h", 1, State.ONLINE, 0);
    acks.attach(2, "h", 2, State.ONLINE, 0);
    assertThat(acks.detach(1)).isFalse();
    assertThat(acks.detach(7)).isFalse();
    assertThat(acks.detach(2)).isTrue();
    assertThat(acks.size()).isZero();
  }
}
