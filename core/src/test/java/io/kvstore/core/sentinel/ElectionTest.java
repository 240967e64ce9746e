package io.kvstore.core.sentinel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ElectionTest {
  private Harness h;
  private Instance m;

  @BeforeEach
  void setUp() throws Exception {
    h = new Harness();
    m = h.monitor(6379, 2, 1000, 5000);
  }

  @Test
  void oneVotePerEpochAndHigherEpochsAreAdopted() {
    Election.Answer a = h.st.isMasterDownByAddr("127.0.0.1", 6379, 5, Harness.B);
    assertThat(a).isEqualTo(new Election.Answer(false, Harness.B, 5));
    assertThat(h.st.currentEpoch()).isEqualTo(5);
    // same epoch, another candidate: the vote already given is repeated
    assertThat(h.st.isMasterDownByAddr("127.0.0.1", 6379, 5, Harness.C))
        .isEqualTo(new Election.Answer(false, Harness.B, 5));
    // an older epoch cannot get a vote either
    assertThat(h.st.isMasterDownByAddr("127.0.0.1", 6379, 4, Harness.C))
        .isEqualTo(new Election.Answer(false, Harness.B, 5));
    // a newer one can
    assertThat(h.st.isMasterDownByAddr("127.0.0.1", 6379, 6, Harness.C))
        .isEqualTo(new Election.Answer(false, Harness.C, 6));
    assertThat(h.io.eventTypes()).containsExactly("+monitor", "+new-epoch", "+vote-for-leader",
        "+new-epoch", "+vote-for-leader");
    assertThat(h.io.flushes).isGreaterThanOrEqualTo(4);
  }

  @Test
  void askingWithoutRunIdIsNotAVote() {
    m.sDown = true;
    assertThat(h.st.isMasterDownByAddr("127.0.0.1", 6379, 3, "*"))
        .isEqualTo(new Election.Answer(true, "*", 0));
    assertThat(m.leader()).isNull();
    assertThat(h.st.isMasterDownByAddr("127.0.0.1", 6390, 3, Harness.B))
        .isEqualTo(new Election.Answer(false, "*", 0));
  }

  @Test
  void tiltAnswersNotDown() {
    m.sDown = true;
    h.st.tilt = true;
    assertThat(h.st.isMasterDownByAddr("127.0.0.1", 6379, 0, "*").down()).isFalse();
  }

  @Test
  void leaderNeedsMajorityAndQuorum() {
    h.helloFrom(Harness.B, 26380, 0, 6379, 0);
    h.helloFrom(Harness.C, 26381, 0, 6379, 0);
    h.helloFrom("d".repeat(40), 26382, 0, 6379, 0);
    h.st.currentEpoch = 1;
    m.oDown = true;
    Instance b = m.sentinels.get(Harness.B);
    b.leader = Harness.ME;
    b.leaderEpoch = 1;
    // me + B = 2 of 4 voters: no majority (3 needed)
    assertThat(h.st.election.leader(m, 1)).isNull();
    Instance c = m.sentinels.get(Harness.C);
    c.leader = Harness.ME;
    c.leaderEpoch = 1;
    assertThat(h.st.election.leader(m, 1)).isEqualTo(Harness.ME);
    // votes of another epoch do not count
    c.leaderEpoch = 0;
    assertThat(h.st.election.leader(m, 1)).isNull();
  }

  @Test
  void ourVoteFollowsTheFrontRunner() {
    h.helloFrom(Harness.B, 26380, 0, 6379, 0);
    h.helloFrom(Harness.C, 26381, 0, 6379, 0);
    h.st.currentEpoch = 2;
    m.oDown = true;
    Instance b = m.sentinels.get(Harness.B);
    b.leader = Harness.C;
    b.leaderEpoch = 2;
    assertThat(h.st.election.leader(m, 2)).isEqualTo(Harness.C);
    assertThat(m.leader()).isEqualTo(Harness.C);
    assertThat(m.leaderEpoch()).isEqualTo(2);
  }

  @Test
  void quorumCheck() {
    assertThat(h.st.checkQuorum(m)).isEqualTo(new Election.Quorum(1, false, true));
    h.helloFrom(Harness.B, 26380, 0, 6379, 0);
    assertThat(h.st.checkQuorum(m).ok()).isTrue();
    h.helloFrom(Harness.C, 26381, 0, 6379, 0);
    m.sentinels.get(Harness.B).sDown = true;
    m.sentinels.get(Harness.C).sDown = true;
    assertThat(h.st.checkQuorum(m)).isEqualTo(new Election.Quorum(1, false, false));
  }
}
