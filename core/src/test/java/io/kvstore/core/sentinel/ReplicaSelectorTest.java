package io.kvstore.core.sentinel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReplicaSelectorTest {
  private Harness h;
  private Instance m;

  @BeforeEach
  void setUp() throws Exception {
    h = new Harness();
    m = h.monitor(6379, 2, 1000, 5000);
  }

  private Instance replica(int port, int priority, long offset, String runId) throws Exception {
    Instance r = h.st.addKnown(m, Instance.Kind.REPLICA, "127.0.0.1", port, null);
    r.slavePriority = priority;
    r.slaveReplOffset = offset;
    r.runId = runId;
    r.link.disconnected = false;
    r.link.lastAvailTime = h.clock.millis();
    r.infoRefresh = h.clock.millis();
    return r;
  }

  @Test
  void lowestPriorityThenHighestOffsetThenSmallestRunId() throws Exception {
    replica(6380, 100, 500, "b".repeat(40));
    Instance best = replica(6381, 10, 1, "z".repeat(40));
    assertThat(h.st.selectReplica(m)).isSameAs(best);
    best.slavePriority = 100;
    Instance r3 = replica(6382, 100, 900, "c".repeat(40));
    assertThat(h.st.selectReplica(m)).isSameAs(r3);
    Instance r4 = replica(6383, 100, 900, "A".repeat(40));
    assertThat(h.st.selectReplica(m)).isSameAs(r4);
    Instance r5 = replica(6384, 100, 900, null);
    assertThat(h.st.selectReplica(m)).isSameAs(r4);
    assertThat(ReplicaSelector.ORDER.compare(r4, r5)).isNegative();
  }

  @Test
  void exclusions() throws Exception {
    Instance zero = replica(6380, 0, 999, "a".repeat(40));
    Instance sdown = replica(6381, 1, 999, "a".repeat(40));
    sdown.sDown = true;
    Instance disconnected = replica(6382, 1, 999, "a".repeat(40));
    disconnected.link.disconnected = true;
    Instance noPing = replica(6383, 1, 999, "a".repeat(40));
    noPing.link.lastAvailTime -= 5001;
    Instance staleInfo = replica(6384, 1, 999, "a".repeat(40));
    staleInfo.infoRefresh -= 30_001;
    Instance longLinkDown = replica(6385, 1, 999, "a".repeat(40));
    longLinkDown.masterLinkDownTime = 10_001;
    assertThat(h.st.selectReplica(m)).isNull();
    Instance ok = replica(6386, 100, 0, "z".repeat(40));
    assertThat(h.st.selectReplica(m)).isSameAs(ok);
    // with the master SDOWN, INFO must be fresher (5 s) but a longer link-down is tolerated
    m.sDown = true;
    m.sDownSince = h.clock.millis() - 60_000;
    longLinkDown.masterLinkDownTime = 65_000;
    assertThat(h.st.selectReplica(m)).isSameAs(longLinkDown);
    ok.infoRefresh -= 5001;
    longLinkDown.infoRefresh -= 5001;
    assertThat(h.st.selectReplica(m)).isNull();
    assertThat(zero.slavePriority()).isZero();
  }
}
