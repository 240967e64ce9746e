package io.kvstore.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplicationLogTest {
  private final ReplicationLog log =
      new ReplicationLog(new ReplicationIds(new SequenceRandom()), 1 << 20, new BacklogPolicy(60, 0));

  @Test
  void withoutBacklogNothingIsCounted() {
    assertThat(log.feed("abc".getBytes())).isFalse();
    assertThat(log.ids().masterReplOffset()).isZero();
  }

  @Test
  void firstFullSyncReplicaCreatesBacklogWithNewId() {
    log.ids().advance(0);
    assertThat(log.onFullSyncReplica(2)).isFalse(); // not the first replica: nothing
    assertThat(log.backlog()).isNull();
    assertThat(log.onFullSyncReplica(1)).isTrue();
    assertThat(log.ids().replid()).isEqualTo(SequenceRandom.id('2'));
    assertThat(log.backlog().firstByteOffset()).isEqualTo(1);
    assertThat(log.onFullSyncReplica(1)).isFalse(); // backlog exists: no new id
    assertThat(log.feed("abc".getBytes())).isTrue();
    assertThat(log.ids().masterReplOffset()).isEqualTo(3);
    assertThat(log.backlog().endOffset()).isEqualTo(3);
  }

  @Test
  void ttlFreesOnlyOnAMasterWithoutReplicas() {
    log.onFullSyncReplica(1);
    log.onNoReplicas(100_000);
    assertThat(log.cron(160_999, 0, true)).isFalse();
    assertThat(log.cron(161_000, 1, true)).isFalse();
    assertThat(log.cron(161_000, 0, false)).isFalse();
    assertThat(log.cron(161_000, 0, true)).isTrue();
    assertThat(log.backlog()).isNull();
    assertThat(log.ids().replid()).isEqualTo(SequenceRandom.id('3'));
    assertThat(log.ids().replid2()).isEqualTo(ReplicationIds.CLEARED_ID);
  }

  @Test
  void ttlZeroNeverFrees() {
    log.policy().setTtlSeconds(0);
    log.onFullSyncReplica(1);
    assertThat(log.cron(Long.MAX_VALUE / 2, 0, true)).isFalse();
  }

  @Test
  void restartAsMasterRebasesBacklogOntoStoredOffset() {
    ReplicationIds.Meta stored = new ReplicationIds.Meta(SequenceRandom.id('9'),
        ReplicationIds.CLEARED_ID, -1, 1000, 0);
    assertThat(log.restartAsMaster(stored, 0)).isTrue();
    assertThat(log.ids().masterReplOffset()).isEqualTo(1000);
    assertThat(log.backlog().firstByteOffset()).isEqualTo(1001);
    PsyncDecision d = PsyncDecision.decide(log.ids(), log.backlog(), SequenceRandom.id('9'),
        "1001", true, "r");
    assertThat(d).isInstanceOf(PsyncDecision.Continue.class);
  }

  @Test
  void restartAsMasterWithoutValidInfoDropsBacklog() {
    assertThat(log.restartAsMaster(null, 0)).isFalse();
    assertThat(log.backlog()).isNull();
  }

  @Test
  void resizeAppliesToExistingBacklogAndInfoSize() {
    log.onFullSyncReplica(1);
    log.resize(1000);
    assertThat(log.backlogSize()).isEqualTo(16384);
    assertThat(log.backlog().size()).isEqualTo(16384);
  }
}
