package io.kvstore.core.sentinel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One instance a Sentinel knows: a monitored master, one of its replicas, or another Sentinel
 * monitoring the same master. Masters carry the failover fields and own the replica and sentinel
 * tables (keyed by {@code ip:port} and by run id respectively). Replicas are named
 * {@code ip:port}; sentinels by their run id.
 */
public final class Instance {
  /** What the instance is in our configuration. */
  public enum Kind {
    MASTER("master"), REPLICA("slave"), SENTINEL("sentinel");

    private final String wire;

    Kind(String wire) {
      this.wire = wire;
    }

    /** The type word in event payloads ("master", "slave", "sentinel"). */
    public String wire() {
      return wire;
    }
  }

  final Kind kind;
  final String name;
  String runId;
  long configEpoch;
  Addr addr;
  Link link;
  long lastPubTime;
  long lastHelloTime;
  long lastMasterDownReplyTime;
  long sDownSince;
  long oDownSince;
  long downAfter;
  long masterRebootDownAfter;
  long masterRebootSince;
  long infoRefresh;
  final Map<String, String> renamedCommands = new LinkedHashMap<>();

  boolean sDown;
  boolean oDown;
  boolean masterDown;
  boolean failoverInProgress;
  boolean promoted;
  boolean reconfSent;
  boolean reconfInprog;
  boolean reconfDone;
  boolean forceFailover;
  boolean scriptKillSent;
  boolean masterReboot;

  /** Role the instance reports in INFO (null until the first INFO). */
  Kind roleReported;
  long roleReportedTime;
  long slaveConfChangeTime;

  // master
  final Map<String, Instance> sentinels = new LinkedHashMap<>();
  final Map<String, Instance> replicas = new LinkedHashMap<>();
  int quorum;
  int parallelSyncs = 1;
  String authPass;
  String authUser;

  // replica
  long masterLinkDownTime;
  int slavePriority = 100;
  boolean replicaAnnounced = true;
  long slaveReconfSentTime;
  final Instance master;
  String slaveMasterHost;
  int slaveMasterPort;
  boolean slaveMasterLinkUp;
  long slaveReplOffset;

  // failover (masters); leader/leaderEpoch also on sentinels (who they voted for)
  String leader;
  long leaderEpoch;
  long failoverEpoch;
  FailoverState failoverState = FailoverState.NONE;
  long failoverStateChangeTime;
  long failoverStartTime;
  long failoverTimeout = 180_000;
  long failoverDelayLogged;
  Instance promotedReplica;
  String info;

  Instance(Kind kind, String name, Addr addr, int quorum, Instance master, long now,
      long defaultDownAfter) {
    this.kind = kind;
    this.name = name;
    this.addr = addr;
    this.quorum = quorum;
    this.master = master;
    this.link = new Link(now);
    this.lastPubTime = now;
    this.lastHelloTime = now;
    this.lastMasterDownReplyTime = now;
    this.downAfter = master != null ? master.downAfter : defaultDownAfter;
    this.roleReported = kind == Kind.SENTINEL ? null : kind;
    this.roleReportedTime = now;
    this.slaveConfChangeTime = now;
  }

  public Kind kind() { return kind; }
  public boolean isMaster() { return kind == Kind.MASTER; }
  public boolean isReplica() { return kind == Kind.REPLICA; }
  public boolean isSentinel() { return kind == Kind.SENTINEL; }
  public String name() { return name; }
  public String runId() { return runId; }
  public long configEpoch() { return configEpoch; }
  public Addr addr() { return addr; }
  public Link link() { return link; }
  public Instance master() { return master; }
  public boolean sDown() { return sDown; }
  public boolean oDown() { return oDown; }
  public boolean failoverInProgress() { return failoverInProgress; }
  public FailoverState failoverState() { return failoverState; }
  public long failoverEpoch() { return failoverEpoch; }
  public int quorum() { return quorum; }
  public int parallelSyncs() { return parallelSyncs; }
  public long downAfter() { return downAfter; }
  public long failoverTimeout() { return failoverTimeout; }
  public String leader() { return leader; }
  public long leaderEpoch() { return leaderEpoch; }
  public boolean promoted() { return promoted; }
  public Instance promotedReplica() { return promotedReplica; }
  public int slavePriority() { return slavePriority; }
  public long slaveReplOffset() { return slaveReplOffset; }
  public boolean replicaAnnounced() { return replicaAnnounced; }
  public String authPass() { return authPass; }
  public String authUser() { return authUser; }
  public String cachedInfo() { return info; }
  public long infoRefresh() { return infoRefresh; }
  public Kind roleReported() { return roleReported; }
  public Map<String, Instance> replicas() { return replicas; }
  public Map<String, Instance> sentinels() { return sentinels; }
  public Map<String, String> renamedCommands() { return renamedCommands; }

  /** The master this instance belongs to (itself for a master). */
  Instance owner() {
    return kind == Kind.MASTER ? this : master;
  }

  /** The command name to send, after the master's rename-command table. */
  String command(String name) {
    String r = owner().renamedCommands.get(name.toLowerCase(java.util.Locale.ROOT));
    return r != null ? r : name;
  }

  /** Flags as SENTINEL MASTER/REPLICAS show them, comma separated in Redis's order. */
  public String flags() {
    StringBuilder sb = new StringBuilder();
    if (sDown) sb.append("s_down,");
    if (oDown) sb.append("o_down,");
    if (kind == Kind.MASTER) sb.append("master,");
    if (kind == Kind.REPLICA) sb.append("slave,");
    if (kind == Kind.SENTINEL) sb.append("sentinel,");
    if (link.disconnected) sb.append("disconnected,");
    if (masterDown) sb.append("master_down,");
    if (failoverInProgress) sb.append("failover_in_progress,");
    if (promoted) sb.append("promoted,");
    if (reconfSent) sb.append("reconf_sent,");
    if (reconfInprog) sb.append("reconf_inprog,");
    if (reconfDone) sb.append("reconf_done,");
    if (forceFailover) sb.append("force_failover,");
    if (scriptKillSent) sb.append("script_kill_sent,");
    if (sb.length() > 0) sb.setLength(sb.length() - 1);
    return sb.toString();
  }

  @Override
  public String toString() {
    return kind.wire() + " " + name + " " + addr.ip() + ":" + addr.port();
  }
}
