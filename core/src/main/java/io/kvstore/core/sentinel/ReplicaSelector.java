package io.kvstore.core.sentinel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which replica a failover promotes (Redis's sentinelSelectSlave). Candidates exclude replicas
 * that are SDOWN/ODOWN or disconnected, that did not answer a PING in the last 5 s, that have
 * priority 0, whose INFO is older than 5 s (15 s when the master is not SDOWN), or whose link to
 * the master has been down longer than the master has been down plus 10 × down-after. Among the
 * rest: lowest {@code slave_priority}, then highest replication offset, then the smallest run id
 * (case-insensitive; a missing run id sorts last).
 */
public final class ReplicaSelector {
  /** Better candidates first. */
  public static final Comparator<Instance> ORDER = Comparator
      .comparingInt((Instance r) -> r.slavePriority)
      .thenComparing(Comparator.comparingLong((Instance r) -> r.slaveReplOffset).reversed())
      .thenComparing((Instance r) -> r.runId,
          Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER));

  private ReplicaSelector() {}

  static Instance select(SentinelState st, Instance master) {
    long now = st.now();
    long maxMasterDown = 0;
    if (master.sDown) maxMasterDown += now - master.sDownSince;
    maxMasterDown += master.downAfter * 10;
    List<Instance> candidates = new ArrayList<>();
    for (Instance r : master.replicas.values()) {
      if (r.sDown || r.oDown) continue;
      if (r.link.disconnected) continue;
      if (now - r.link.lastAvailTime > st.timings.pingPeriod * 5) continue;
      if (r.slavePriority == 0) continue;
      long infoValidity = master.sDown ? st.timings.pingPeriod * 5 : st.timings.infoPeriod * 3;
      if (now - r.infoRefresh > infoValidity) continue;
      if (r.masterLinkDownTime > maxMasterDown) continue;
      candidates.add(r);
    }
    candidates.sort(ORDER);
    return candidates.isEmpty() ? null : candidates.get(0);
  }
}
