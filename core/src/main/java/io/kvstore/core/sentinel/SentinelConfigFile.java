package io.kvstore.core.sentinel;

import io.kvstore.core.config.ConfigFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code sentinel ...} directives of sentinel.conf, read and written as Redis 7.0 does.
 *
 * <p>Reading: directives are applied in three passes — global options that later ones depend on
 * (myid, current-epoch, announce-*, resolve-hostnames, ...), then the {@code monitor} lines,
 * then everything else (per-master options, known replicas and sentinels) — so their order in
 * the file does not matter. The first bad directive stops loading with Redis's FATAL CONFIG FILE
 * ERROR text naming its line.
 *
 * <p>Writing: {@link #rewriteLines} lists the lines a rewrite must contain (state Sentinel keeps
 * across restarts: its id, epochs, known replicas and sentinels), in Redis's order;
 * {@link ConfigRewrite} merges them into the existing file.
 */
public final class SentinelConfigFile {
  /** One {@code sentinel} line of a file: its number, text, and the words after "sentinel". */
  public record Directive(int lineNumber, String line, List<String> argv) {}

  /** A rewritten line for option {@code option} ("sentinel monitor"...); {@code force} writes it even if new. */
  public record Line(String option, String text, boolean force) {}

  private static final Set<String> PRE_MONITOR = Set.of("announce-ip", "announce-port",
      "deny-scripts-reconfig", "sentinel-user", "sentinel-pass", "current-epoch", "myid",
      "resolve-hostnames", "announce-hostnames");

  /** Options a rewrite owns: their old lines are replaced or removed. */
  public static final List<String> OPTIONS = List.of("sentinel myid",
      "sentinel deny-scripts-reconfig", "sentinel resolve-hostnames", "sentinel announce-hostnames",
      "sentinel monitor", "sentinel down-after-milliseconds", "sentinel failover-timeout",
      "sentinel parallel-syncs", "sentinel notification-script", "sentinel client-reconfig-script",
      "sentinel auth-pass", "sentinel auth-user", "sentinel master-reboot-down-after-period",
      "sentinel config-epoch", "sentinel leader-epoch", "sentinel known-replica",
      "sentinel known-slave", "sentinel known-sentinel", "sentinel rename-command",
      "sentinel current-epoch", "sentinel announce-ip", "sentinel announce-port",
      "sentinel sentinel-user", "sentinel sentinel-pass");

  private SentinelConfigFile() {}

  /** Applies the directives to {@code st}; throws with Redis's fatal text on the first error. */
  public static void load(SentinelState st, List<Directive> directives) {
    List<Directive> pre = new ArrayList<>();
    List<Directive> monitor = new ArrayList<>();
    List<Directive> post = new ArrayList<>();
    for (Directive d : directives) {
      if (d.argv().isEmpty()) continue;
      String name = d.argv().get(0).toLowerCase(Locale.ROOT);
      if (name.equals("monitor")) monitor.add(d);
      else if (PRE_MONITOR.contains(name)) pre.add(d);
      else post.add(d);
    }
    for (List<Directive> pass : List.of(pre, monitor, post)) {
      for (Directive d : pass) {
        String err = apply(st, d.argv());
        if (err != null) {
          throw new ConfigFile.ConfigFileException("\n*** FATAL CONFIG FILE ERROR (Redis "
              + ConfigFile.REDIS_VERSION + ") ***\nReading the configuration file, at line "
              + d.lineNumber() + "\n>>> '" + d.line() + "'\n" + err);
        }
      }
    }
  }

  /** One directive (Redis's sentinelHandleConfiguration); the error text or null. */
  static String apply(SentinelState st, List<String> argv) {
    String name = argv.get(0).toLowerCase(Locale.ROOT);
    int argc = argv.size();
    try {
      if (name.equals("monitor") && argc == 5) {
        int quorum = (int) InfoReport.atol(argv.get(4));
        if (quorum <= 0) return "Quorum must be 1 or greater.";
        st.createInstance(argv.get(1), Instance.Kind.MASTER, argv.get(2),
            (int) InfoReport.atol(argv.get(3)), quorum, null);
        return null;
      }
      if (PRE_MONITOR.contains(name)) return global(st, name, argv);
      if (argc < 2) return "Unrecognized sentinel configuration statement.";
      Instance ri = st.masters.get(argv.get(1));
      switch (name) {
        case "down-after-milliseconds", "failover-timeout", "parallel-syncs", "auth-pass",
            "auth-user", "config-epoch", "leader-epoch", "master-reboot-down-after-period",
            "notification-script", "client-reconfig-script" -> {
          if (argc != 3) return "Unrecognized sentinel configuration statement.";
          if (ri == null) return "No such master with specified name.";
          return perMaster(st, ri, name, argv.get(2));
        }
        case "known-slave", "known-replica" -> {
          if (argc != 4) return "Unrecognized sentinel configuration statement.";
          if (ri == null) return "No such master with specified name.";
          st.createInstance(null, Instance.Kind.REPLICA, argv.get(2),
              (int) InfoReport.atol(argv.get(3)), ri.quorum, ri);
          return null;
        }
        case "known-sentinel" -> {
          if (argc == 4) return null; // old form without run id: ignored
          if (argc != 5) return "Unrecognized sentinel configuration statement.";
          if (ri == null) return "No such master with specified name.";
          Instance si = st.createInstance(argv.get(4), Instance.Kind.SENTINEL, argv.get(2),
              (int) InfoReport.atol(argv.get(3)), ri.quorum, ri);
          si.runId = argv.get(4);
          return null;
        }
        case "rename-command" -> {
          if (argc != 4) return "Unrecognized sentinel configuration statement.";
          if (ri == null) return "No such master with specified name.";
          String old = argv.get(2).toLowerCase(Locale.ROOT);
          if (ri.renamedCommands.containsKey(old)) {
            return "Same command renamed multiple times with rename-command.";
          }
          ri.renamedCommands.put(old, argv.get(3));
          return null;
        }
        default -> {
          return "Unrecognized sentinel configuration statement.";
        }
      }
    } catch (SentinelState.InstanceException e) {
      return e.getMessage();
    }
  }

  private static String global(SentinelState st, String name, List<String> argv) {
    if (argv.size() != 2) return "Unrecognized sentinel configuration statement.";
    String v = argv.get(1);
    switch (name) {
      case "current-epoch" -> st.currentEpoch = Math.max(st.currentEpoch, InfoReport.atol(v));
      case "myid" -> {
        if (v.length() != 40) return "Malformed Sentinel id in myid option.";
        st.myid = v;
      }
      case "announce-ip" -> st.setAnnounceIp(v);
      case "announce-port" -> st.announcePort = (int) InfoReport.atol(v);
      case "deny-scripts-reconfig" -> {
        Boolean b = yesNo(v);
        if (b == null) return "Please specify yes or no for the deny-scripts-reconfig options.";
        st.denyScriptsReconfig = b;
      }
      case "sentinel-user" -> st.setSentinelAuthUser(v);
      case "sentinel-pass" -> st.setSentinelAuthPass(v);
      case "resolve-hostnames" -> {
        Boolean b = yesNo(v);
        if (b == null) return "Please specify yes or no for the resolve-hostnames option.";
        st.resolveHostnames = b;
      }
      case "announce-hostnames" -> {
        Boolean b = yesNo(v);
        if (b == null) return "Please specify yes or no for the announce-hostnames option.";
        st.announceHostnames = b;
      }
      default -> {
        return "Unrecognized sentinel configuration statement.";
      }
    }
    return null;
  }

  private static String perMaster(SentinelState st, Instance ri, String name, String v) {
    switch (name) {
      case "down-after-milliseconds" -> {
        ri.downAfter = (int) InfoReport.atol(v);
        if (ri.downAfter <= 0) return "negative or zero time parameter.";
        st.propagateDownAfter(ri);
      }
      case "failover-timeout" -> {
        ri.failoverTimeout = (int) InfoReport.atol(v);
        if (ri.failoverTimeout <= 0) return "negative or zero time parameter.";
      }
      case "parallel-syncs" -> ri.parallelSyncs = (int) InfoReport.atol(v);
      case "auth-pass" -> ri.authPass = v;
      case "auth-user" -> ri.authUser = v;
      case "config-epoch" -> {
        ri.configEpoch = InfoReport.atol(v);
        if (ri.configEpoch > st.currentEpoch) st.currentEpoch = ri.configEpoch;
      }
      case "leader-epoch" -> ri.leaderEpoch = InfoReport.atol(v);
      case "master-reboot-down-after-period" -> {
        ri.masterRebootDownAfter = (int) InfoReport.atol(v);
        if (ri.masterRebootDownAfter < 0) return "negative time parameter.";
      }
      default -> {
        return "Notification and reconfiguration scripts are not supported.";
      }
    }
    return null;
  }

  private static Boolean yesNo(String v) {
    if (v.equalsIgnoreCase("yes")) return Boolean.TRUE;
    if (v.equalsIgnoreCase("no")) return Boolean.FALSE;
    return null;
  }

  /** The lines a config rewrite writes, in Redis's order. */
  public static List<Line> rewriteLines(SentinelState st) {
    List<Line> out = new ArrayList<>();
    boolean ah = st.announceHostnames;
    out.add(new Line("sentinel myid", "sentinel myid " + st.myid, true));
    out.add(new Line("sentinel deny-scripts-reconfig", "sentinel deny-scripts-reconfig "
        + (st.denyScriptsReconfig ? "yes" : "no"), !st.denyScriptsReconfig));
    out.add(new Line("sentinel resolve-hostnames", "sentinel resolve-hostnames "
        + (st.resolveHostnames ? "yes" : "no"), st.resolveHostnames));
    out.add(new Line("sentinel announce-hostnames", "sentinel announce-hostnames "
        + (ah ? "yes" : "no"), ah));
    for (Instance m : st.masters.values()) {
      Addr ma = st.currentMasterAddress(m);
      String n = m.name;
      out.add(new Line("sentinel monitor", "sentinel monitor " + n + " " + ma.announce(ah) + " "
          + ma.port() + " " + m.quorum, true));
      if (m.downAfter != st.timings.defaultDownAfter) {
        out.add(new Line("sentinel down-after-milliseconds",
            "sentinel down-after-milliseconds " + n + " " + m.downAfter, true));
      }
      if (m.failoverTimeout != st.timings.defaultFailoverTimeout) {
        out.add(new Line("sentinel failover-timeout",
            "sentinel failover-timeout " + n + " " + m.failoverTimeout, true));
      }
      if (m.parallelSyncs != 1) {
        out.add(new Line("sentinel parallel-syncs", "sentinel parallel-syncs " + n + " "
            + m.parallelSyncs, true));
      }
      if (m.authPass != null) {
        out.add(new Line("sentinel auth-pass", "sentinel auth-pass " + n + " " + m.authPass, true));
      }
      if (m.authUser != null) {
        out.add(new Line("sentinel auth-user", "sentinel auth-user " + n + " " + m.authUser, true));
      }
      if (m.masterRebootDownAfter != 0) {
        out.add(new Line("sentinel master-reboot-down-after-period",
            "sentinel master-reboot-down-after-period " + n + " " + m.masterRebootDownAfter, true));
      }
      out.add(new Line("sentinel config-epoch", "sentinel config-epoch " + n + " " + m.configEpoch,
          true));
      out.add(new Line("sentinel leader-epoch", "sentinel leader-epoch " + n + " " + m.leaderEpoch,
          true));
      for (Instance r : m.replicas.values()) {
        Addr ra = r.addr.sameAs(ma) ? m.addr : r.addr;
        out.add(new Line("sentinel known-replica", "sentinel known-replica " + n + " "
            + ra.announce(ah) + " " + ra.port(), true));
      }
      for (Instance s : m.sentinels.values()) {
        if (s.runId == null) continue;
        out.add(new Line("sentinel known-sentinel", "sentinel known-sentinel " + n + " "
            + s.addr.announce(ah) + " " + s.addr.port() + " " + s.runId, true));
      }
      for (var e : m.renamedCommands.entrySet()) {
        out.add(new Line("sentinel rename-command", "sentinel rename-command " + n + " "
            + e.getKey() + " " + e.getValue(), true));
      }
    }
    out.add(new Line("sentinel current-epoch", "sentinel current-epoch " + st.currentEpoch, true));
    if (st.announceIp != null) {
      out.add(new Line("sentinel announce-ip", "sentinel announce-ip " + ConfigFile.repr(st.announceIp),
          true));
    }
    if (st.announcePort != 0) {
      out.add(new Line("sentinel announce-port", "sentinel announce-port " + st.announcePort, true));
    }
    if (st.sentinelAuthUser != null) {
      out.add(new Line("sentinel sentinel-user", "sentinel sentinel-user " + st.sentinelAuthUser,
          true));
    }
    if (st.sentinelAuthPass != null) {
      out.add(new Line("sentinel sentinel-pass", "sentinel sentinel-pass " + st.sentinelAuthPass,
          true));
    }
    return out;
  }
}
