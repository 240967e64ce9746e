package io.kvstore.core.sentinel;

import java.util.ArrayList;

/**
 * The failover state machine (one per master), as Redis runs it:
 *
 * <pre>
 * NONE --ODOWN, none in 2×failover-timeout: epoch+1, +try-failover--> WAIT_START
 * WAIT_START --elected leader of the epoch (or forced)--> SELECT_SLAVE
 *            --not elected within min(10 s, failover-timeout)--> NONE (-failover-abort-not-elected)
 * SELECT_SLAVE --a good replica--> SEND_SLAVEOF_NOONE (+selected-slave)
 *              --none--> NONE (-failover-abort-no-good-slave)
 * SEND_SLAVEOF_NOONE --MULTI/SLAVEOF NO ONE/.../EXEC queued--> WAIT_PROMOTION
 * WAIT_PROMOTION --its INFO says role:master (see InfoRefresh)--> RECONF_SLAVES
 *                --failover-timeout--> NONE (-failover-abort-slave-timeout)
 * RECONF_SLAVES --every reachable replica reconfigured, or failover-timeout--> UPDATE_CONFIG
 * UPDATE_CONFIG --+switch-master: the promoted replica becomes the master--> NONE
 * </pre>
 *
 * A failover starts only after a random 0–1 s delay (failover_start_time in the future), so
 * sentinels that saw ODOWN together rarely ask for votes at the same moment. Once the promoted
 * replica acknowledged, the failover can no longer be aborted; it ends, by timeout if need be.
 */
final class Failover {
  static final long SIM_CRASH_AFTER_ELECTION = 1;
  static final long SIM_CRASH_AFTER_PROMOTION = 2;

  private final SentinelState st;

  Failover(SentinelState st) {
    this.st = st;
  }

  void start(Instance m) {
    long now = st.now();
    m.failoverState = FailoverState.WAIT_START;
    m.failoverInProgress = true;
    m.failoverEpoch = ++st.currentEpoch;
    st.eventRaw(EventLevel.WARNING, "+new-epoch", Long.toString(st.currentEpoch));
    st.event(EventLevel.WARNING, "+try-failover", m, "");
    m.failoverStartTime = now + st.random.nextInt(SentinelState.MAX_DESYNC);
    m.failoverStateChangeTime = now;
  }

  boolean startIfNeeded(Instance m) {
    if (!m.oDown || m.failoverInProgress) return false;
    long now = st.now();
    if (now - m.failoverStartTime < m.failoverTimeout * 2) {
      if (m.failoverDelayLogged != m.failoverStartTime) {
        m.failoverDelayLogged = m.failoverStartTime;
        st.io.log(EventLevel.WARNING, "Next failover delay: I will not start a failover before "
            + java.time.Instant.ofEpochMilli(m.failoverStartTime + m.failoverTimeout * 2));
      }
      return false;
    }
    start(m);
    return true;
  }

  void step(Instance m) {
    if (!m.failoverInProgress) return;
    switch (m.failoverState) {
      case WAIT_START -> waitStart(m);
      case SELECT_SLAVE -> selectReplica(m);
      case SEND_SLAVEOF_NOONE -> sendSlaveOfNoOne(m);
      case WAIT_PROMOTION -> waitPromotion(m);
      case RECONF_SLAVES -> reconfNextReplica(m);
      default -> { }
    }
  }

  private void setState(Instance m, FailoverState s) {
    m.failoverState = s;
    m.failoverStateChangeTime = st.now();
  }

  private void waitStart(Instance m) {
    String leader = st.election.leader(m, m.failoverEpoch);
    boolean isLeader = leader != null && leader.equalsIgnoreCase(st.myid);
    if (!isLeader && !m.forceFailover) {
      long electionTimeout = Math.min(st.timings.electionTimeout, m.failoverTimeout);
      if (st.now() - m.failoverStartTime > electionTimeout) {
        st.event(EventLevel.WARNING, "-failover-abort-not-elected", m, "");
        abort(m);
      }
      return;
    }
    st.event(EventLevel.WARNING, "+elected-leader", m, "");
    crashIfSimulated(SIM_CRASH_AFTER_ELECTION);
    setState(m, FailoverState.SELECT_SLAVE);
    st.event(EventLevel.WARNING, "+failover-state-select-slave", m, "");
  }

  private void selectReplica(Instance m) {
    Instance r = ReplicaSelector.select(st, m);
    if (r == null) {
      st.event(EventLevel.WARNING, "-failover-abort-no-good-slave", m, "");
      abort(m);
      return;
    }
    st.event(EventLevel.WARNING, "+selected-slave", r, "");
    r.promoted = true;
    m.promotedReplica = r;
    setState(m, FailoverState.SEND_SLAVEOF_NOONE);
    st.event(EventLevel.NOTICE, "+failover-state-send-slaveof-noone", r, "");
  }

  private void sendSlaveOfNoOne(Instance m) {
    Instance r = m.promotedReplica;
    if (r.link.disconnected) {
      if (st.now() - m.failoverStateChangeTime > m.failoverTimeout) {
        st.event(EventLevel.WARNING, "-failover-abort-slave-timeout", m, "");
        abort(m);
      }
      return;
    }
    if (!st.monitor.sendSlaveOf(r, null)) return;
    st.event(EventLevel.NOTICE, "+failover-state-wait-promotion", r, "");
    setState(m, FailoverState.WAIT_PROMOTION);
  }

  private void waitPromotion(Instance m) {
    if (st.now() - m.failoverStateChangeTime > m.failoverTimeout) {
      st.event(EventLevel.WARNING, "-failover-abort-slave-timeout", m, "");
      abort(m);
    }
  }

  private void reconfNextReplica(Instance m) {
    int inProgress = 0;
    for (Instance r : m.replicas.values()) {
      if (r.reconfSent || r.reconfInprog) inProgress++;
    }
    long now = st.now();
    for (Instance r : new ArrayList<>(m.replicas.values())) {
      if (inProgress >= m.parallelSyncs) break;
      if (r.promoted || r.reconfDone) continue;
      if (r.reconfSent && now - r.slaveReconfSentTime > st.timings.slaveReconfTimeout) {
        st.event(EventLevel.NOTICE, "-slave-reconf-sent-timeout", r, "");
        r.reconfSent = false;
        r.reconfDone = true;
      }
      if (r.reconfSent || r.reconfInprog) continue;
      if (r.link.disconnected) continue;
      if (st.monitor.sendSlaveOf(r, m.promotedReplica.addr)) {
        r.reconfSent = true;
        r.slaveReconfSentTime = now;
        st.event(EventLevel.NOTICE, "+slave-reconf-sent", r, "");
        inProgress++;
      }
    }
    detectEnd(m);
  }

  private void detectEnd(Instance m) {
    long elapsed = st.now() - m.failoverStateChangeTime;
    if (m.promotedReplica == null || m.promotedReplica.sDown) return;
    int notReconfigured = 0;
    for (Instance r : m.replicas.values()) {
      if (r.promoted || r.reconfDone) continue;
      if (r.sDown) continue;
      notReconfigured++;
    }
    boolean timeout = false;
    if (elapsed > m.failoverTimeout) {
      notReconfigured = 0;
      timeout = true;
      st.event(EventLevel.WARNING, "+failover-end-for-timeout", m, "");
    }
    if (notReconfigured == 0) {
      st.event(EventLevel.WARNING, "+failover-end", m, "");
      setState(m, FailoverState.UPDATE_CONFIG);
    }
    if (timeout) {
      for (Instance r : m.replicas.values()) {
        if (r.promoted || r.reconfDone || r.reconfSent) continue;
        if (r.link.disconnected) continue;
        if (st.monitor.sendSlaveOf(r, m.promotedReplica.addr)) {
          st.event(EventLevel.NOTICE, "+slave-reconf-sent-be", r, "");
          r.reconfSent = true;
        }
      }
    }
  }

  /** UPDATE_CONFIG: announce +switch-master and monitor the promoted replica as the master. */
  void switchToPromoted(Instance m) {
    Instance ref = m.promotedReplica != null ? m.promotedReplica : m;
    st.eventRaw(EventLevel.WARNING, "+switch-master", m.name + " "
        + m.addr.announce(st.announceHostnames) + " " + m.addr.port() + " "
        + ref.addr.announce(st.announceHostnames) + " " + ref.addr.port());
    st.resetMasterAndChangeAddress(m, ref.addr.hostname(), ref.addr.port());
  }

  void abort(Instance m) {
    m.failoverInProgress = false;
    m.forceFailover = false;
    setState(m, FailoverState.NONE);
    if (m.promotedReplica != null) {
      m.promotedReplica.promoted = false;
      m.promotedReplica = null;
    }
  }

  /** SENTINEL SIMULATE-FAILURE: the process exits with status 99. */
  void crashIfSimulated(long flag) {
    if ((st.simFailureFlags & flag) != 0) {
      st.io.log(EventLevel.WARNING, "Sentinel CRASH because of SENTINEL simulate-failure");
      st.io.simulatedCrash();
    }
  }
}
