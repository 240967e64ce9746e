package io.kvstore.core.sentinel;

import io.kvstore.core.reply.Errors;
import java.util.List;
import java.util.Locale;

/**
 * SENTINEL SET {@code <master> <option> <value> ...}: per-master options changed at run time,
 * each logged as a +set event (auth-pass redacted), with Redis's error texts. Options before a
 * bad one stay applied, as in Redis.
 */
public final class MasterSettings {
  /** The outcome: how many options were applied and the error reply text (null when none). */
  public record Result(int changes, String error) {}

  private MasterSettings() {}

  /** Applies {@code argv} (the words after the master name). */
  public static Result set(SentinelState st, Instance m, List<String> argv) {
    int changes = 0;
    for (int j = 0; j < argv.size(); j++) {
      String option = argv.get(j);
      int more = argv.size() - 1 - j;
      int first = j;
      boolean redacted = false;
      String opt = option.toLowerCase(Locale.ROOT);
      if (more > 0 && (opt.equals("down-after-milliseconds") || opt.equals("failover-timeout")
          || opt.equals("parallel-syncs") || opt.equals("quorum")
          || opt.equals("master-reboot-down-after-period"))) {
        String v = argv.get(++j);
        long ll = parse(v);
        boolean zeroOk = opt.equals("master-reboot-down-after-period");
        if (ll == Long.MIN_VALUE || ll < 0 || (ll == 0 && !zeroOk)) return bad(v, option, changes);
        switch (opt) {
          case "down-after-milliseconds" -> {
            m.downAfter = ll;
            st.propagateDownAfter(m);
          }
          case "failover-timeout" -> m.failoverTimeout = ll;
          case "parallel-syncs" -> m.parallelSyncs = (int) Math.min(Integer.MAX_VALUE, ll);
          case "quorum" -> m.quorum = (int) Math.min(Integer.MAX_VALUE, ll);
          default -> m.masterRebootDownAfter = ll;
        }
      } else if (more > 0 && (opt.equals("notification-script")
          || opt.equals("client-reconfig-script"))) {
        j++;
        if (st.denyScriptsReconfig) {
          return new Result(changes, Errors.SENTINEL_SCRIPTS_DENIED);
        }
        return new Result(changes, Errors.SENTINEL_SCRIPTS_UNSUPPORTED);
      } else if (more > 0 && (opt.equals("auth-pass") || opt.equals("auth-user"))) {
        String v = argv.get(++j);
        if (opt.equals("auth-pass")) {
          m.authPass = v.isEmpty() ? null : v;
          redacted = true;
        } else {
          m.authUser = v.isEmpty() ? null : v;
        }
        dropConnections(st, m);
      } else if (more > 1 && opt.equals("rename-command")) {
        String oldName = argv.get(++j);
        String newName = argv.get(++j);
        if (oldName.isEmpty() || newName.isEmpty()) {
          return bad(newName.isEmpty() ? newName : oldName, option, changes);
        }
        m.renamedCommands.remove(oldName.toLowerCase(Locale.ROOT));
        if (!oldName.equalsIgnoreCase(newName)) {
          m.renamedCommands.put(oldName.toLowerCase(Locale.ROOT), newName);
        }
      } else {
        return new Result(changes, Errors.sentinelSetUnknown(option));
      }
      changes++;
      int n = j - first + 1;
      String detail = n == 2 ? " " + argv.get(first) + " " + (redacted ? "******" : argv.get(first + 1))
          : n == 3 ? " " + argv.get(first) + " " + argv.get(first + 1) + " " + argv.get(first + 2)
          : " " + argv.get(first);
      st.event(EventLevel.WARNING, "+set", m, detail);
    }
    return new Result(changes, null);
  }

  private static Result bad(String arg, String option, int changes) {
    return new Result(changes, Errors.sentinelSetInvalid(arg, option));
  }

  private static void dropConnections(SentinelState st, Instance m) {
    st.monitor.closeLink(m, SentinelIo.LinkKind.CMD);
    st.monitor.closeLink(m, SentinelIo.LinkKind.PUBSUB);
    for (Instance r : m.replicas.values()) {
      st.monitor.closeLink(r, SentinelIo.LinkKind.CMD);
      st.monitor.closeLink(r, SentinelIo.LinkKind.PUBSUB);
    }
  }

  /** Redis's string2ll: an optional '-', digits without leading zeros; MIN_VALUE when invalid. */
  static long parse(String s) {
    if (s.isEmpty() || s.length() > 20) return Long.MIN_VALUE;
    int i = s.charAt(0) == '-' ? 1 : 0;
    if (i == s.length()) return Long.MIN_VALUE;
    if (s.charAt(i) == '0' && s.length() > i + 1) return Long.MIN_VALUE;
    for (int k = i; k < s.length(); k++) {
      if (s.charAt(k) < '0' || s.charAt(k) > '9') return Long.MIN_VALUE;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return Long.MIN_VALUE;
    }
  }
}
