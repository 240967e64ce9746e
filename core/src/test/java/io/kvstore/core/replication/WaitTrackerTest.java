package io.kvstore.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.core.replication.ReplicaAcks.State;
import io.kvstore.core.replication.WaitTracker.Release;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WaitTrackerTest {
  private final ReplicaAcks acks = new ReplicaAcks();
  private final WaitTracker waits = new WaitTracker(acks);

  @BeforeEach
  void twoOnlineReplicas() {
    acks.attach(1, "h", 1, State.ONLINE, 0);
    acks.attach(2, "h", 2, State.ONLINE, 0);
  }

  @Test
  void answersAtOnceWhenEnoughOrInMulti() {
    acks.onAck(1, 100, 0);
    assertThat(waits.wait(9, 100, 1, 0, false, 0)).isEqualTo(new WaitTracker.Outcome(false, 1));
    assertThat(waits.wait(9, 100, 2, 0, true, 0)).isEqualTo(new WaitTracker.Outcome(false, 1));
    assertThat(waits.blockedCount()).isZero();
    assertThat(waits.takeGetAckRequest()).isFalse();
  }

  @Test
  void blocksUntilEnoughAcks() {
    assertThat(waits.wait(9, 100, 2, 0, false, 0).blocked()).isTrue();
    assertThat(waits.takeGetAckRequest()).isTrue();
    assertThat(waits.takeGetAckRequest()).isFalse();
    assertThat(waits.onAck(1, 100, 5)).isEmpty();
    assertThat(waits.onAck(2, 150, 5)).containsExactly(new Release(9, 2));
    assertThat(waits.blockedCount()).isZero();
  }

  @Test
  void timeoutFiresAfterTheDeadlineWithTheCountReached() {
    waits.wait(9, 100, 2, 50, false, 1_000);
    waits.wait(10, 100, 2, 0, false, 1_000); // forever
    acks.onAck(1, 100, 0);
    assertThat(waits.tick(1_050)).isEmpty();
    assertThat(waits.tick(1_051)).containsExactly(new Release(9, 1));
    assertThat(waits.tick(Long.MAX_VALUE)).isEmpty();
    assertThat(waits.blockedCount()).isEqualTo(1);
  }

  @Test
  void newestFirstReusingTheLastSatisfiedCount() {
    waits.wait(9, 110, 1, 0, false, 0); // older
    waits.wait(10, 120, 1, 0, false, 0); // newer
    acks.onAck(2, 110, 0);
    acks.onAck(1, 120, 0);
    // the newer one is satisfied with 1 (only replica 1 reached 120); the older one reuses that
    // count although 2 replicas reached 110
    assertThat(waits.process()).containsExactly(new Release(10, 1), new Release(9, 1));
  }

  @Test
  void replicasNotOnlineDoNotCount() {
    acks.attach(3, "h", 3, State.SEND_BULK, 0);
    acks.onAck(3, 1_000, 0);
    assertThat(waits.wait(9, 100, 1, 0, false, 0).blocked()).isTrue();
    assertThat(waits.process()).isEmpty();
  }

  @Test
  void cancelAndClear() {
    waits.wait(9, 100, 1, 0, false, 0);
    waits.wait(10, 100, 1, 0, false, 0);
    assertThat(waits.cancel(9)).isTrue();
    assertThat(waits.cancel(9)).isFalse();
    assertThat(waits.clear()).containsExactly(10L);
    assertThat(waits.blockedCount()).isZero();
  }
}
