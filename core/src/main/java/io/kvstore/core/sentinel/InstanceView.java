package io.kvstore.core.sentinel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How SENTINEL MASTER(S) / REPLICAS / SENTINELS and INFO describe instances: the field names,
 * order and value formats of Redis 7.0 (every value a string; times are "milliseconds ago").
 */
public final class InstanceView {
  private InstanceView() {}

  public static Map<String, String> fields(SentinelState st, Instance ri) {
    long now = st.now();
    Link link = ri.link;
    Map<String, String> f = new LinkedHashMap<>();
    f.put("name", ri.name);
    f.put("ip", ri.addr.announce(st.announceHostnames));
    f.put("port", Integer.toString(ri.addr.port()));
    f.put("runid", ri.runId == null ? "" : ri.runId);
    f.put("flags", ri.flags());
    f.put("link-pending-commands", Integer.toString(link.pendingCommands));
    f.put("link-refcount", "1");
    if (ri.failoverInProgress) f.put("failover-state", ri.failoverState.wire());
    f.put("last-ping-sent", Long.toString(link.actPingTime != 0 ? now - link.actPingTime : 0));
    f.put("last-ok-ping-reply", Long.toString(now - link.lastAvailTime));
    f.put("last-ping-reply", Long.toString(now - link.lastPongTime));
    if (ri.sDown) f.put("s-down-time", Long.toString(now - ri.sDownSince));
    if (ri.oDown) f.put("o-down-time", Long.toString(now - ri.oDownSince));
    f.put("down-after-milliseconds", Long.toString(ri.downAfter));
    if (ri.kind != Instance.Kind.SENTINEL) {
      f.put("info-refresh", Long.toString(ri.infoRefresh != 0 ? now - ri.infoRefresh : 0));
      f.put("role-reported", ri.roleReported == Instance.Kind.MASTER ? "master" : "slave");
      f.put("role-reported-time", Long.toString(now - ri.roleReportedTime));
    }
    if (ri.kind == Instance.Kind.MASTER) {
      f.put("config-epoch", Long.toString(ri.configEpoch));
      f.put("num-slaves", Integer.toString(ri.replicas.size()));
      f.put("num-other-sentinels", Integer.toString(ri.sentinels.size()));
      f.put("quorum", Integer.toString(ri.quorum));
      f.put("failover-timeout", Long.toString(ri.failoverTimeout));
      f.put("parallel-syncs", Integer.toString(ri.parallelSyncs));
    }
    if (ri.kind == Instance.Kind.REPLICA) {
      f.put("master-link-down-time", Long.toString(ri.masterLinkDownTime));
      f.put("master-link-status", ri.slaveMasterLinkUp ? "ok" : "err");
      f.put("master-host", ri.slaveMasterHost == null ? "?" : ri.slaveMasterHost);
      f.put("master-port", Integer.toString(ri.slaveMasterPort));
      f.put("slave-priority", Integer.toString(ri.slavePriority));
      f.put("slave-repl-offset", Long.toString(ri.slaveReplOffset));
      f.put("replica-announced", ri.replicaAnnounced ? "1" : "0");
    }
    if (ri.kind == Instance.Kind.SENTINEL) {
      f.put("last-hello-message", Long.toString(now - ri.lastHelloTime));
      f.put("voted-leader", ri.leader == null ? "?" : ri.leader);
      f.put("voted-leader-epoch", Long.toString(ri.leaderEpoch));
    }
    return f;
  }

  /** The "# Sentinel" INFO section's fields. */
  public static Map<String, String> infoSection(SentinelState st) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("sentinel_masters", Integer.toString(st.masters.size()));
    f.put("sentinel_tilt", st.tilt ? "1" : "0");
    f.put("sentinel_tilt_since_seconds",
        Long.toString(st.tilt ? (st.now() - st.tiltStartTime) / 1000 : -1));
    f.put("sentinel_running_scripts", "0");
    f.put("sentinel_scripts_queue_length", "0");
    f.put("sentinel_simulate_failure_flags", Long.toString(st.simFailureFlags));
    int i = 0;
    for (Instance m : st.masters.values()) {
      String status = m.oDown ? "odown" : m.sDown ? "sdown" : "ok";
      f.put("master" + i++, "name=" + m.name + ",status=" + status + ",address="
          + m.addr.announce(st.announceHostnames) + ":" + m.addr.port() + ",slaves="
          + m.replicas.size() + ",sentinels=" + (m.sentinels.size() + 1));
    }
    return f;
  }
}
