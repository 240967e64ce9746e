package io.kvstore.core.sentinel;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.core.reply.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The failover state machine driven with a manual clock and scripted instances. */
class FailoverTest {
  private Harness h;
  private Instance m;

  @BeforeEach
  void setUp() throws Exception {
    h = new Harness();
    h.up(6379, Harness.masterInfo(Harness.runId('1'), 6380, 6381));
    h.up(6380, Harness.replicaInfo(Harness.runId('2'), 6379, true, 100, 100));
    h.up(6381, Harness.replicaInfo(Harness.runId('3'), 6379, true, 100, 90));
    h.up(26380, null);
    h.up(26381, null);
    m = h.monitor(6379, 2, 1000, 5000);
    h.run(300);
    h.helloFrom(Harness.B, 26380, 0, 6379, 0);
    h.helloFrom(Harness.C, 26381, 0, 6379, 0);
    h.run(1500);
  }

  @Test
  void discoversReplicasAndSentinels() {
    assertThat(m.replicas().keySet()).containsExactly("127.0.0.1:6380", "127.0.0.1:6381");
    assertThat(m.sentinels().keySet()).containsExactly(Harness.B, Harness.C);
    assertThat(h.io.eventTypes()).contains("+monitor", "+slave", "+sentinel");
    assertThat(m.runId()).isEqualTo(Harness.runId('1'));
    assertThat(m.sDown()).isFalse();
  }

  @Test
  void fullFailoverPromotesTheBestReplicaAndReconfiguresTheOther() {
    h.io.clear();
    h.down(6379);
    h.run(2200);
    assertThat(m.sDown()).isTrue();
    assertThat(m.oDown()).isFalse();
    h.voteReply(m, Harness.B, true, "*", 0);
    h.run(100);
    assertThat(m.oDown()).isTrue();
    assertThat(m.failoverInProgress()).isTrue();
    assertThat(h.st.currentEpoch()).isEqualTo(1);
    // past the random start delay; the others vote for us in epoch 1
    h.run(1100);
    h.voteReply(m, Harness.B, true, Harness.ME, 1);
    h.voteReply(m, Harness.C, true, Harness.ME, 1);
    h.run(300);
    Instance promoted = m.replicas().get("127.0.0.1:6380");
    assertThat(promoted.promoted()).isTrue();
    assertThat(m.failoverState()).isEqualTo(FailoverState.WAIT_PROMOTION);
    assertThat(h.io.sentLines(promoted)).containsSubsequence("MULTI", "SLAVEOF NO ONE",
        "CONFIG REWRITE", "CLIENT KILL TYPE normal", "CLIENT KILL TYPE pubsub", "EXEC");
    // the replica reports its new role
    h.info.put("127.0.0.1:6380", Harness.masterInfo(Harness.runId('2'), 6381));
    h.run(1100);
    assertThat(m.configEpoch()).isEqualTo(1);
    Instance other = m.replicas().get("127.0.0.1:6381");
    assertThat(h.io.sentLines(other)).contains("SLAVEOF 127.0.0.1 6380");
    assertThat(h.st.currentMasterAddress(m).port()).isEqualTo(6380);
    h.info.put("127.0.0.1:6381", Harness.replicaInfo(Harness.runId('3'), 6380, true, 100, 90));
    h.run(2500);
    assertThat(h.io.eventTypes()).containsSubsequence("+sdown", "+odown", "+new-epoch",
        "+try-failover", "+vote-for-leader", "+elected-leader", "+failover-state-select-slave",
        "+selected-slave", "+failover-state-send-slaveof-noone", "+failover-state-wait-promotion",
        "+promoted-slave", "+failover-state-reconf-slaves", "+slave-reconf-sent",
        "+slave-reconf-inprog", "+slave-reconf-done", "+failover-end", "+switch-master");
    assertThat(h.io.events).anySatisfy(e -> assertThat(e.toString())
        .isEqualTo("+switch-master mymaster 127.0.0.1 6379 127.0.0.1 6380"));
    assertThat(m.addr().port()).isEqualTo(6380);
    assertThat(m.failoverInProgress()).isFalse();
    assertThat(m.replicas().keySet()).containsExactlyInAnyOrder("127.0.0.1:6381", "127.0.0.1:6379");
    // answers about the old master do not carry over to the new one
    assertThat(m.sentinels().values()).noneMatch(s -> s.masterDown);
  }

  @Test
  void returningOldMasterIsConvertedToAReplica() {
    fullFailoverPromotesTheBestReplicaAndReconfiguresTheOther();
    h.io.clear();
    // the old master comes back, still believing it is a master
    h.up(6379, Harness.masterInfo(Harness.runId('9')));
    h.run(21_000);
    Instance old = m.replicas().get("127.0.0.1:6379");
    assertThat(h.io.sentLines(old)).containsSubsequence("MULTI", "SLAVEOF 127.0.0.1 6380", "EXEC");
    assertThat(h.io.eventTypes()).contains("+convert-to-slave");
  }

  @Test
  void notElectedWithoutVotesAbortsAfterTheElectionTimeout() {
    h.io.clear();
    h.down(6379);
    h.run(2200);
    h.voteReply(m, Harness.B, true, "*", 0);
    h.run(100);
    assertThat(m.failoverInProgress()).isTrue();
    // the others voted for someone else in this epoch
    for (int i = 0; i < 60 && m.failoverInProgress(); i++) {
      h.voteReply(m, Harness.B, true, Harness.B, 1);
      h.voteReply(m, Harness.C, true, Harness.B, 1);
      h.run(100);
    }
    assertThat(m.failoverInProgress()).isFalse();
    assertThat(h.io.eventTypes()).contains("-failover-abort-not-elected").doesNotContain(
        "+elected-leader", "+selected-slave");
    assertThat(m.promotedReplica()).isNull();
  }

  @Test
  void alone_ItNeverReachesTheMajority() {
    h.io.clear();
    h.down(6379);
    h.down(26380);
    h.down(26381);
    h.run(20_000);
    // quorum 2 can never be reached with the others silent: no ODOWN, no failover
    assertThat(m.sDown()).isTrue();
    assertThat(m.oDown()).isFalse();
    assertThat(h.io.eventTypes()).doesNotContain("+odown", "+try-failover", "+elected-leader");
  }

  @Test
  void quorumOneButNoMajorityIsNotElected() throws Exception {
    m.quorum = 1;
    h.io.clear();
    h.down(6379);
    h.down(26380);
    h.down(26381);
    h.run(15_000);
    assertThat(h.io.eventTypes()).contains("+odown", "+try-failover", "-failover-abort-not-elected")
        .doesNotContain("+elected-leader", "+selected-slave");
  }

  @Test
  void noGoodReplicaAbortsTheFailover() {
    h.io.clear();
    h.down(6379);
    h.down(6380);
    h.down(6381);
    h.run(2200);
    h.voteReply(m, Harness.B, true, "*", 0);
    h.run(1200);
    h.voteReply(m, Harness.B, true, Harness.ME, 1);
    h.voteReply(m, Harness.C, true, Harness.ME, 1);
    h.run(300);
    assertThat(h.io.eventTypes()).contains("+elected-leader", "-failover-abort-no-good-slave")
        .doesNotContain("+selected-slave");
    assertThat(m.failoverInProgress()).isFalse();
  }

  @Test
  void promotionTimeoutAbortsAndUnmarksTheReplica() {
    h.io.clear();
    h.down(6379);
    h.run(2200);
    h.voteReply(m, Harness.B, true, "*", 0);
    h.run(1200);
    h.voteReply(m, Harness.B, true, Harness.ME, 1);
    h.voteReply(m, Harness.C, true, Harness.ME, 1);
    h.run(300);
    assertThat(m.failoverState()).isEqualTo(FailoverState.WAIT_PROMOTION);
    // the replica keeps reporting role:slave
    h.run(5200);
    assertThat(h.io.eventTypes()).contains("-failover-abort-slave-timeout");
    assertThat(m.failoverInProgress()).isFalse();
    assertThat(m.replicas().get("127.0.0.1:6380").promoted()).isFalse();
    // and no new attempt before 2 × failover-timeout since the start
    h.io.clear();
    h.run(1000);
    assertThat(h.io.eventTypes()).doesNotContain("+try-failover");
  }

  @Test
  void forcedFailoverNeedsNoVotes() {
    h.io.clear();
    h.st.forceFailover(m);
    h.run(1300);
    assertThat(h.io.eventTypes()).containsSubsequence("+try-failover", "+elected-leader",
        "+selected-slave");
    assertThat(m.failoverState()).isEqualTo(FailoverState.WAIT_PROMOTION);
  }

  @Test
  void aNewerConfigurationInAHelloSwitchesTheMaster() {
    h.io.clear();
    h.helloFrom(Harness.B, 26380, 3, 6381, 3);
    assertThat(h.st.currentEpoch()).isEqualTo(3);
    assertThat(m.addr().port()).isEqualTo(6381);
    assertThat(m.configEpoch()).isEqualTo(3);
    assertThat(h.io.events.stream().map(Object::toString)).contains(
        "+switch-master mymaster 127.0.0.1 6379 127.0.0.1 6381", "+new-epoch 3");
    // an older configuration does not switch back
    h.helloFrom(Harness.C, 26381, 3, 6379, 2);
    assertThat(m.addr().port()).isEqualTo(6381);
  }

  @Test
  void masterClaimingToBeAReplicaTurnsSdownAfterTwoInfoPeriods() {
    h.io.clear();
    h.info.put("127.0.0.1:6379", Harness.replicaInfo(Harness.runId('1'), 6390, true, 100, 0));
    h.run(10_000 + 1000 + 20_000 + 1500);
    assertThat(m.sDown()).isTrue();
    assertThat(h.io.eventTypes()).contains("-role-change", "+sdown");
  }

  @Test
  void rebootIsReported() {
    h.io.clear();
    h.info.put("127.0.0.1:6379", Harness.masterInfo(Harness.runId('7'), 6380, 6381));
    h.run(10_500);
    assertThat(h.io.events.stream().map(Object::toString))
        .contains("+reboot master mymaster 127.0.0.1 6379");
    assertThat(m.runId()).isEqualTo(Harness.runId('7'));
  }

  @Test
  void pingErrorsOtherThanLoadingDoNotCountAsAvailable() {
    h.io.clear();
    h.down(6379);
    Link link = m.link();
    for (int i = 0; i < 25; i++) {
      h.run(100);
      h.io.reply(m, "PING", Reply.error("NOAUTH Authentication required."));
    }
    assertThat(m.sDown()).isTrue();
    assertThat(link.lastPongTime()).isGreaterThan(link.lastAvailTime());
  }
}
