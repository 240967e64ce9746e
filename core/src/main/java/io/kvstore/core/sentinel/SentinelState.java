package io.kvstore.core.sentinel;

import io.kvstore.core.engine.Clock;
import io.kvstore.core.util.Glob;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The whole state of one Sentinel (Redis's {@code sentinelState}): its id, the current epoch,
 * the monitored masters with their replicas and fellow sentinels, TILT mode and the global
 * options; plus the timer that drives everything ({@link #timer()}, called 10–19 times a
 * second with a random period so sentinels started together do not stay in lock-step).
 *
 * <p>The work is split as in Redis: {@link Monitor} (links, PING/INFO/hello, SDOWN),
 * {@link InfoRefresh} (what an INFO reply teaches), {@link HelloHandler} (discovery and
 * configuration propagation), {@link Election} (ODOWN, votes, leader), {@link Failover} (the
 * state machine) and {@link ReplicaSelector}.
 */
public final class SentinelState {
  /** Creating an instance failed; the message is Redis's text. */
  public static final class InstanceException extends Exception {
    InstanceException(String message) {
      super(message, null, false, false);
    }
  }

  static final int MAX_DESYNC = 1000;
  static final String HELLO_CHANNEL = "__sentinel__:hello";

  final Clock clock;
  final RandomGenerator random;
  final Resolver resolver;
  final SentinelIo io;
  final Timings timings = new Timings();
  final Map<String, Instance> masters = new LinkedHashMap<>();
  final Monitor monitor;
  final InfoRefresh infoRefresh;
  final HelloHandler hello;
  final Election election;
  final Failover failover;

  String myid;
  long currentEpoch;
  boolean tilt;
  long tiltStartTime;
  long previousTime;
  String announceIp;
  int announcePort;
  boolean denyScriptsReconfig = true;
  String sentinelAuthUser;
  String sentinelAuthPass;
  boolean resolveHostnames;
  boolean announceHostnames;
  long simFailureFlags;
  int port = 26379;
  String requirePass = "";

  public SentinelState(Clock clock, RandomGenerator random, Resolver resolver, SentinelIo io) {
    this.clock = clock;
    this.random = random;
    this.resolver = resolver;
    this.io = io;
    this.previousTime = clock.millis();
    this.monitor = new Monitor(this);
    this.infoRefresh = new InfoRefresh(this);
    this.hello = new HelloHandler(this);
    this.election = new Election(this);
    this.failover = new Failover(this);
  }

  long now() {
    return clock.millis();
  }

  // ------------------------------------------------------------------ options

  public String myid() { return myid; }
  public void setMyid(String id) { myid = id; }
  public long currentEpoch() { return currentEpoch; }
  public void setCurrentEpoch(long e) { currentEpoch = e; }
  public boolean tilt() { return tilt; }
  public long tiltStartTime() { return tiltStartTime; }
  public Timings timings() { return timings; }
  public Map<String, Instance> masters() { return masters; }
  public String announceIp() { return announceIp; }
  public void setAnnounceIp(String ip) { announceIp = ip == null || ip.isEmpty() ? null : ip; }
  public int announcePort() { return announcePort; }
  public void setAnnouncePort(int p) { announcePort = p; }
  public boolean resolveHostnames() { return resolveHostnames; }
  public void setResolveHostnames(boolean b) { resolveHostnames = b; }
  public boolean announceHostnames() { return announceHostnames; }
  public void setAnnounceHostnames(boolean b) { announceHostnames = b; }
  public boolean denyScriptsReconfig() { return denyScriptsReconfig; }
  public void setDenyScriptsReconfig(boolean b) { denyScriptsReconfig = b; }
  public String sentinelAuthUser() { return sentinelAuthUser; }
  public void setSentinelAuthUser(String u) { sentinelAuthUser = u == null || u.isEmpty() ? null : u; }
  public String sentinelAuthPass() { return sentinelAuthPass; }
  public void setSentinelAuthPass(String p) { sentinelAuthPass = p == null || p.isEmpty() ? null : p; }
  public long simFailureFlags() { return simFailureFlags; }
  public void setSimFailureFlags(long f) { simFailureFlags = f; }
  /** The port this sentinel listens on (announced in hello messages without announce-port). */
  public void setPort(int p) { port = p; }
  public int port() { return port; }
  /** The local requirepass, also used to authenticate to other sentinels without sentinel-pass. */
  public void setRequirePass(String p) { requirePass = p == null ? "" : p; }

  // ------------------------------------------------------------------ lifecycle

  /** Redis's sentinelIsRunning: pick and persist an id if none, then a +monitor per master. */
  public void start() {
    if (myid == null) {
      byte[] id = new byte[20];
      random.nextBytes(id);
      myid = HexFormat.of().formatHex(id);
      io.flushConfig();
    }
    io.log(EventLevel.WARNING, "Sentinel ID is " + myid);
    for (Instance m : masters.values()) {
      event(EventLevel.WARNING, "+monitor", m, " quorum " + m.quorum);
    }
  }

  /** One run of Redis's sentinelTimer. */
  public void timer() {
    checkTilt();
    handleInstances(new ArrayList<>(masters.values()));
  }

  private void checkTilt() {
    long now = now();
    long delta = now - previousTime;
    if (delta < 0 || delta > timings.tiltTrigger) {
      tilt = true;
      tiltStartTime = now;
      eventRaw(EventLevel.WARNING, "+tilt", "#tilt mode entered");
    }
    previousTime = now;
  }

  private void handleInstances(List<Instance> instances) {
    Instance switchToPromoted = null;
    for (Instance ri : instances) {
      handleInstance(ri);
      if (ri.kind == Instance.Kind.MASTER) {
        handleInstances(new ArrayList<>(ri.replicas.values()));
        handleInstances(new ArrayList<>(ri.sentinels.values()));
        if (ri.failoverState == FailoverState.UPDATE_CONFIG) switchToPromoted = ri;
      }
    }
    if (switchToPromoted != null) failover.switchToPromoted(switchToPromoted);
  }

  private void handleInstance(Instance ri) {
    if (!isLive(ri)) return; // removed by something earlier in this run
    monitor.reconnect(ri);
    monitor.sendPeriodicCommands(ri);
    if (tilt) {
      if (now() - tiltStartTime < timings.tiltPeriod) return;
      tilt = false;
      eventRaw(EventLevel.WARNING, "-tilt", "#tilt mode exited");
    }
    monitor.checkSubjectivelyDown(ri);
    if (ri.kind == Instance.Kind.MASTER) {
      election.checkObjectivelyDown(ri);
      if (failover.startIfNeeded(ri)) election.askOthers(ri, true);
      failover.step(ri);
      election.askOthers(ri, false);
    }
  }

  /** Whether {@code ri} is still in the tables (callbacks may outlive a reset). */
  boolean isLive(Instance ri) {
    if (ri.kind == Instance.Kind.MASTER) return masters.get(ri.name) == ri;
    Instance m = ri.master;
    if (!isLive(m)) return false;
    return (ri.kind == Instance.Kind.REPLICA ? m.replicas : m.sentinels).get(ri.name) == ri;
  }

  // ------------------------------------------------------------------ events

  /** An event about {@code ri}: "type name ip port[ @ master ip port]" + {@code suffix}. */
  void event(EventLevel level, String type, Instance ri, String suffix) {
    io.event(level, type, describe(ri) + suffix);
  }

  void eventRaw(EventLevel level, String type, String message) {
    io.event(level, type, message);
  }

  String describe(Instance ri) {
    String s = ri.kind.wire() + " " + ri.name + " " + ri.addr.announce(announceHostnames) + " "
        + ri.addr.port();
    if (ri.kind != Instance.Kind.MASTER) {
      Instance m = ri.master;
      s += " @ " + m.name + " " + m.addr.announce(announceHostnames) + " " + m.addr.port();
    }
    return s;
  }

  // ------------------------------------------------------------------ instances

  /** Redis's createSentinelAddr; {@code acceptUnresolved} keeps an unresolvable hostname. */
  Addr createAddr(String host, int port, boolean acceptUnresolved) throws InstanceException {
    if (port < 0 || port > 65535) throw new InstanceException("Invalid port number.");
    String ip = resolver.resolve(host, resolveHostnames);
    if (ip == null) {
      io.log(EventLevel.WARNING, "Failed to resolve hostname '" + host + "'");
      if (resolveHostnames && acceptUnresolved) {
        ip = "";
      } else {
        throw new InstanceException("Can't resolve instance hostname.");
      }
    }
    return new Addr(host, ip, port);
  }

  /** Redis's createSentinelRedisInstance (replicas are named ip:port whatever {@code name} is). */
  Instance createInstance(String name, Instance.Kind kind, String host, int port, int quorum,
      Instance master) throws InstanceException {
    Addr addr = createAddr(host, port, true);
    String key = kind == Instance.Kind.REPLICA ? addr.announceWithPort(announceHostnames) : name;
    Map<String, Instance> table = switch (kind) {
      case MASTER -> masters;
      case REPLICA -> master.replicas;
      case SENTINEL -> master.sentinels;
    };
    if (table.containsKey(key)) {
      throw new InstanceException(switch (kind) {
        case MASTER -> "Duplicate master name.";
        case REPLICA -> "Duplicate hostname and port for replica.";
        case SENTINEL -> "Duplicate runid for sentinel.";
      });
    }
    Instance ri = new Instance(kind, key, addr, quorum, master, now(), timings.defaultDownAfter);
    if (kind == Instance.Kind.MASTER) ri.failoverTimeout = timings.defaultFailoverTimeout;
    table.put(key, ri);
    return ri;
  }

  /** Adds a master to monitor (config file, SENTINEL MONITOR). */
  public Instance addMaster(String name, String host, int port, int quorum) throws InstanceException {
    if (quorum <= 0) throw new InstanceException("Quorum must be 1 or greater.");
    return createInstance(name, Instance.Kind.MASTER, host, port, quorum, null);
  }

  /** Adds a known replica / sentinel from the config file. */
  public Instance addKnown(Instance master, Instance.Kind kind, String host, int port, String runId)
      throws InstanceException {
    Instance ri = createInstance(runId, kind, host, port, master.quorum, master);
    if (kind == Instance.Kind.SENTINEL) ri.runId = runId;
    return ri;
  }

  /** Drops an instance and everything under it, closing its connections. */
  void release(Instance ri) {
    for (Instance s : new ArrayList<>(ri.sentinels.values())) release(s);
    for (Instance s : new ArrayList<>(ri.replicas.values())) release(s);
    ri.sentinels.clear();
    ri.replicas.clear();
    io.close(ri, SentinelIo.LinkKind.CMD);
    io.close(ri, SentinelIo.LinkKind.PUBSUB);
    if (ri.kind == Instance.Kind.REPLICA && ri.promoted && ri.master != null) {
      ri.master.promotedReplica = null;
    }
  }

  /** SENTINEL REMOVE. */
  public void removeMaster(Instance m) {
    event(EventLevel.WARNING, "-monitor", m, "");
    masters.remove(m.name);
    release(m);
  }

  public Instance master(String name) {
    return masters.get(name);
  }

  Instance lookupReplica(Instance master, String host, int port) {
    Addr a;
    try {
      a = createAddr(host, port, false);
    } catch (InstanceException e) {
      return null;
    }
    return master.replicas.get(a.announceWithPort(announceHostnames));
  }

  /** Redis's getSentinelRedisInstanceByAddrAndRunID (either criterion may be null). */
  Instance findByAddrAndRunId(Map<String, Instance> table, String host, int port, String runId) {
    Addr a = null;
    if (host != null) {
      try {
        a = createAddr(host, port, true);
      } catch (InstanceException e) {
        return null;
      }
    }
    for (Instance ri : table.values()) {
      if (runId != null && ri.runId == null) continue;
      if ((runId == null || ri.runId.equals(runId)) && (a == null || ri.addr.sameAs(a))) return ri;
    }
    return null;
  }

  int removeSentinelByRunId(Instance master, String runId) {
    if (runId == null) return 0;
    int removed = 0;
    for (Instance ri : new ArrayList<>(master.sentinels.values())) {
      if (runId.equals(ri.runId)) {
        master.sentinels.remove(ri.name);
        release(ri);
        removed++;
      }
    }
    return removed;
  }

  /** Whether the instance had no SDOWN/ODOWN in the last {@code ms}. */
  boolean noDownFor(Instance ri, long ms) {
    long mostRecent = Math.max(ri.sDownSince, ri.oDownSince);
    return mostRecent == 0 || now() - mostRecent > ms;
  }

  /** The promoted replica's address once the failover reached RECONF_SLAVES, else the master's. */
  public Addr currentMasterAddress(Instance m) {
    if (m.failoverInProgress && m.promotedReplica != null
        && m.failoverState.atLeast(FailoverState.RECONF_SLAVES)) {
      return m.promotedReplica.addr;
    }
    return m.addr;
  }

  void propagateDownAfter(Instance m) {
    for (Instance r : m.replicas.values()) r.downAfter = m.downAfter;
    for (Instance s : m.sentinels.values()) s.downAfter = m.downAfter;
  }

  /** Redis's sentinelAddrEqualsHostname: resolve and compare IPs, else compare names. */
  boolean addrEqualsHostname(Addr a, String hostname) {
    if (hostname == null) return false;
    String ip = resolver.resolve(hostname, resolveHostnames);
    if (ip == null) {
      return (resolveHostnames ? a.hostname() : a.ip()).equalsIgnoreCase(hostname);
    }
    return a.ip().equalsIgnoreCase(ip);
  }

  // ------------------------------------------------------------------ resets

  /** Redis's sentinelResetMaster. */
  void resetMaster(Instance ri, boolean keepSentinels, boolean generateEvent) {
    for (Instance r : new ArrayList<>(ri.replicas.values())) release(r);
    ri.replicas.clear();
    if (!keepSentinels) {
      for (Instance s : new ArrayList<>(ri.sentinels.values())) release(s);
      ri.sentinels.clear();
    }
    monitor.closeLink(ri, SentinelIo.LinkKind.CMD);
    monitor.closeLink(ri, SentinelIo.LinkKind.PUBSUB);
    ri.sDown = ri.oDown = ri.masterDown = ri.failoverInProgress = ri.promoted = false;
    ri.reconfSent = ri.reconfInprog = ri.reconfDone = ri.forceFailover = false;
    ri.scriptKillSent = ri.masterReboot = false;
    ri.leader = null;
    ri.failoverState = FailoverState.NONE;
    ri.failoverStateChangeTime = 0;
    ri.failoverStartTime = 0;
    ri.promotedReplica = null;
    ri.runId = null;
    ri.slaveMasterHost = null;
    long now = now();
    ri.link.actPingTime = now;
    ri.link.lastPingTime = 0;
    ri.link.lastAvailTime = now;
    ri.link.lastPongTime = now;
    ri.link.lastReconnTime = 0; // reconnect at the next timer run, not a ping period later
    ri.roleReportedTime = now;
    ri.roleReported = Instance.Kind.MASTER;
    if (generateEvent) event(EventLevel.WARNING, "+reset-master", ri, "");
  }

  /** SENTINEL RESET pattern: the number of masters reset. */
  public int resetByPattern(String pattern) {
    int n = 0;
    for (Instance m : new ArrayList<>(masters.values())) {
      if (Glob.matches(pattern.getBytes(StandardCharsets.UTF_8),
          m.name.getBytes(StandardCharsets.UTF_8), false)) {
        resetMaster(m, false, true);
        n++;
      }
    }
    return n;
  }

  /**
   * Redis's sentinelResetMasterAndChangeAddress (+switch-master): keep the replicas except the
   * new master, add the old master as a replica, reset, save the config.
   */
  boolean resetMasterAndChangeAddress(Instance master, String host, int port) {
    Addr newAddr;
    try {
      newAddr = createAddr(host, port, false);
    } catch (InstanceException e) {
      return false;
    }
    List<Addr> keep = new ArrayList<>();
    for (Instance r : master.replicas.values()) {
      if (!r.addr.sameAs(newAddr)) keep.add(r.addr);
    }
    if (!newAddr.sameAs(master.addr)) keep.add(master.addr);
    resetMaster(master, true, false);
    // Redis keeps the other sentinels' "master down" answers about the old address; with a
    // short down-after they could make the new master ODOWN on its first missed PING
    for (Instance s : master.sentinels.values()) s.masterDown = false;
    master.addr = newAddr;
    master.oDownSince = 0;
    master.sDownSince = 0;
    for (Addr a : keep) {
      try {
        Instance r = createInstance(null, Instance.Kind.REPLICA, a.hostname(), a.port(),
            master.quorum, master);
        event(EventLevel.NOTICE, "+slave", r, "");
      } catch (InstanceException ignored) {
        // duplicate or unresolvable: Redis skips it too
      }
    }
    io.flushConfig();
    return true;
  }

  // ------------------------------------------------------------------ client-facing entry points

  /** PUBLISH __sentinel__:hello from another sentinel. */
  public void processHello(String payload) {
    hello.process(payload);
  }

  /** SENTINEL IS-MASTER-DOWN-BY-ADDR: {@code [down, leader or "*", leader epoch]}. */
  public Election.Answer isMasterDownByAddr(String ip, int port, long reqEpoch, String runId) {
    return election.answer(ip, port, reqEpoch, runId);
  }

  /** SENTINEL CKQUORUM as Redis words it: null when OK, else the error text after the count. */
  public Election.Quorum checkQuorum(Instance m) {
    return election.quorumReachable(m);
  }

  /** Replica selection as the failover would do it now (null: none suitable). */
  public Instance selectReplica(Instance m) {
    return ReplicaSelector.select(this, m);
  }

  /** SENTINEL FAILOVER once validated: start a forced failover. */
  public void forceFailover(Instance m) {
    io.log(EventLevel.WARNING, "Executing user requested FAILOVER of '" + m.name + "'");
    failover.start(m);
    m.forceFailover = true;
  }

  /** A connection of {@code ri} failed or closed (the I/O layer calls this). */
  public void linkClosed(Instance ri, SentinelIo.LinkKind kind) {
    monitor.linkClosed(ri, kind);
  }

  /** Drops the links to every other sentinel (new sentinel credentials); the count dropped. */
  public int dropSentinelLinks() {
    int dropped = 0;
    for (Instance m : masters.values()) {
      for (Instance s : m.sentinels.values()) {
        if (!s.link.disconnected) {
          monitor.closeLink(s, SentinelIo.LinkKind.PUBSUB);
          monitor.closeLink(s, SentinelIo.LinkKind.CMD);
          dropped++;
        }
      }
    }
    return dropped;
  }

  /** SENTINEL MONITOR: the same checks as the config file, then +monitor. */
  public Instance monitorMaster(String name, String host, int port, int quorum)
      throws InstanceException {
    Instance m = addMaster(name, host, port, quorum);
    event(EventLevel.WARNING, "+monitor", m, " quorum " + m.quorum);
    return m;
  }

  /** Whether {@code host} is acceptable as an instance address (an IP, or any resolvable name with resolve-hostnames). */
  public boolean resolvable(String host) {
    return resolver.resolve(host, resolveHostnames) != null;
  }

  /** The field/value description SENTINEL MASTER and friends reply with. */
  public Map<String, String> view(Instance ri) {
    return InstanceView.fields(this, ri);
  }

  /** Lines for the config rewrite (see {@link SentinelConfigFile#rewriteLines}). */
  public List<SentinelConfigFile.Line> configLines() {
    return SentinelConfigFile.rewriteLines(this);
  }
}
