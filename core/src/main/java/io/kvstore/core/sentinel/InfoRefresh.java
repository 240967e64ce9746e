package io.kvstore.core.sentinel;

/**
 * What an INFO reply changes (Redis's sentinelRefreshInstanceInfo). The recording half always
 * runs: run id (+reboot when it changes), discovered replicas (+slave), the replica fields and
 * the reported role (+role-change / -role-change). The acting half is skipped in TILT mode:
 *
 * <ul>
 *   <li>the replica we promoted now says {@code role:master} → the failover moves on to
 *       reconfiguring the other replicas (+promoted-slave);
 *   <li>any other replica claiming to be a master, once the master looks sane and 8 s went by,
 *       is turned back into a replica (+convert-to-slave) — this is also how a returning old
 *       master is demoted;
 *   <li>a replica following the wrong master for longer than failover-timeout is re-pointed
 *       (+fix-slave-config);
 *   <li>replicas being reconfigured advance reconf_sent → reconf_inprog → reconf_done.
 * </ul>
 */
final class InfoRefresh {
  private final SentinelState st;

  InfoRefresh(SentinelState st) {
    this.st = st;
  }

  void refresh(Instance ri, String info) {
    if (!st.isLive(ri)) return;
    long now = st.now();
    ri.info = info;
    ri.masterLinkDownTime = 0;
    InfoReport rep = InfoReport.parse(info);

    if (rep.runId() != null) {
      if (ri.runId == null) {
        ri.runId = rep.runId();
      } else if (!ri.runId.equals(rep.runId())) {
        st.event(EventLevel.NOTICE, "+reboot", ri, "");
        if (ri.kind == Instance.Kind.MASTER && ri.masterRebootDownAfter != 0) {
          ri.masterReboot = true;
          ri.masterRebootSince = now;
        }
        ri.runId = rep.runId();
      }
    }
    if (ri.kind == Instance.Kind.MASTER) {
      for (InfoReport.ReplicaAddr a : rep.replicas()) {
        if (st.lookupReplica(ri, a.ip(), a.port()) != null) continue;
        try {
          Instance r = st.createInstance(null, Instance.Kind.REPLICA, a.ip(), a.port(), ri.quorum, ri);
          st.event(EventLevel.NOTICE, "+slave", r, "");
          st.io.flushConfig();
        } catch (SentinelState.InstanceException e) {
          st.io.log(EventLevel.VERBOSE, "Ignoring replica " + a.ip() + ":" + a.port()
              + " reported by " + ri.name + ": " + e.getMessage());
        }
      }
    }
    ri.masterLinkDownTime = rep.masterLinkDownMs();
    Instance.Kind role = rep.role();
    if (role == Instance.Kind.REPLICA) {
      if (rep.masterHost() != null
          && (ri.slaveMasterHost == null || !rep.masterHost().equalsIgnoreCase(ri.slaveMasterHost))) {
        ri.slaveMasterHost = rep.masterHost();
        ri.slaveConfChangeTime = now;
      }
      if (rep.masterPort() != null && ri.slaveMasterPort != rep.masterPort()) {
        ri.slaveMasterPort = rep.masterPort();
        ri.slaveConfChangeTime = now;
      }
      if (rep.masterLinkUp() != null) ri.slaveMasterLinkUp = rep.masterLinkUp();
      if (rep.slavePriority() != null) ri.slavePriority = rep.slavePriority();
      if (rep.slaveReplOffset() != null) ri.slaveReplOffset = rep.slaveReplOffset();
      if (rep.replicaAnnounced() != null) ri.replicaAnnounced = rep.replicaAnnounced() != 0;
    }
    ri.infoRefresh = now;

    if (role != ri.roleReported) {
      ri.roleReportedTime = now;
      ri.roleReported = role;
      if (role == Instance.Kind.REPLICA) ri.slaveConfChangeTime = now;
      boolean coherent = ri.kind == role;
      st.event(EventLevel.VERBOSE, coherent ? "+role-change" : "-role-change", ri,
          " new reported role is " + (role == Instance.Kind.MASTER ? "master" : "slave"));
    }
    if (st.tilt) return;

    if (ri.kind == Instance.Kind.REPLICA && role == Instance.Kind.MASTER) {
      replicaClaimsMaster(ri, now);
    }
    if (ri.kind == Instance.Kind.REPLICA && role == Instance.Kind.REPLICA
        && (ri.slaveMasterPort != ri.master.addr.port()
            || !st.addrEqualsHostname(ri.master.addr, ri.slaveMasterHost))) {
      long wait = ri.master.failoverTimeout;
      if (looksSane(ri.master) && st.noDownFor(ri, wait) && now - ri.slaveConfChangeTime > wait) {
        if (st.monitor.sendSlaveOf(ri, ri.master.addr)) {
          st.event(EventLevel.NOTICE, "+fix-slave-config", ri, "");
        }
      }
    }
    if (ri.kind == Instance.Kind.REPLICA && role == Instance.Kind.REPLICA
        && (ri.reconfSent || ri.reconfInprog)) {
      Instance promoted = ri.master.promotedReplica;
      if (ri.reconfSent && ri.slaveMasterHost != null && promoted != null
          && st.addrEqualsHostname(promoted.addr, ri.slaveMasterHost)
          && ri.slaveMasterPort == promoted.addr.port()) {
        ri.reconfSent = false;
        ri.reconfInprog = true;
        st.event(EventLevel.NOTICE, "+slave-reconf-inprog", ri, "");
      }
      if (ri.reconfInprog && ri.slaveMasterLinkUp) {
        ri.reconfInprog = false;
        ri.reconfDone = true;
        st.event(EventLevel.NOTICE, "+slave-reconf-done", ri, "");
      }
    }
  }

  private void replicaClaimsMaster(Instance ri, long now) {
    Instance m = ri.master;
    if (ri.promoted && m.failoverInProgress && m.failoverState == FailoverState.WAIT_PROMOTION) {
      m.configEpoch = m.failoverEpoch;
      m.failoverState = FailoverState.RECONF_SLAVES;
      m.failoverStateChangeTime = now;
      st.io.flushConfig();
      st.event(EventLevel.WARNING, "+promoted-slave", ri, "");
      st.failover.crashIfSimulated(Failover.SIM_CRASH_AFTER_PROMOTION);
      st.event(EventLevel.WARNING, "+failover-state-reconf-slaves", m, "");
      st.hello.forceUpdate(m);
    } else {
      long wait = st.timings.publishPeriod * 4;
      if (!ri.promoted && looksSane(m) && st.noDownFor(ri, wait)
          && now - ri.roleReportedTime > wait) {
        if (st.monitor.sendSlaveOf(ri, m.addr)) {
          st.event(EventLevel.NOTICE, "+convert-to-slave", ri, "");
        }
      }
    }
  }

  /** A master we believe in, reporting the master role, not down, with a recent INFO. */
  boolean looksSane(Instance m) {
    return m.kind == Instance.Kind.MASTER && m.roleReported == Instance.Kind.MASTER
        && !m.sDown && !m.oDown && st.now() - m.infoRefresh < st.timings.infoPeriod * 2;
  }
}
