package io.kvstore.core.sentinel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What Sentinel reads in an instance's INFO, parsed line by line as Redis does: {@code run_id}
 * (the first 40 characters after the colon, lines shorter than 47 ignored), {@code role},
 * a master's {@code slaveN:ip=…,port=…} lines (and the pre-2.8 {@code slaveN:ip,port,state}
 * form), and — only once {@code role:slave} has been seen — the replica fields
 * {@code master_host}, {@code master_port}, {@code master_link_status},
 * {@code slave_priority}, {@code slave_repl_offset}, {@code replica_announced}.
 * {@code master_link_down_since_seconds} is read whatever the role. Numbers are read like C's
 * {@code atoi}/{@code strtoull}: leading digits, 0 when there are none.
 */
public record InfoReport(
    String runId,
    Instance.Kind role,
    List<ReplicaAddr> replicas,
    long masterLinkDownMs,
    String masterHost,
    Integer masterPort,
    Boolean masterLinkUp,
    Integer slavePriority,
    Long slaveReplOffset,
    Integer replicaAnnounced) {

  /** One {@code slaveN} line of a master. */
  public record ReplicaAddr(String ip, int port) {}

  public static InfoReport parse(String info) {
    String runId = null;
    Instance.Kind role = null;
    List<ReplicaAddr> replicas = new ArrayList<>();
    long linkDown = 0;
    String masterHost = null;
    Integer masterPort = null;
    Boolean linkUp = null;
    Integer priority = null;
    Long offset = null;
    Integer announced = null;
    for (String l : info.split("\r\n", -1)) {
      if (l.length() >= 47 && l.startsWith("run_id:")) runId = l.substring(7, 47);
      if (l.length() >= 7 && l.startsWith("slave") && Character.isDigit(l.charAt(5))) {
        ReplicaAddr a = replicaLine(l);
        if (a != null) replicas.add(a);
      }
      if (l.length() >= 32 && l.startsWith("master_link_down_since_seconds")) {
        linkDown = atol(l.substring(31)) * 1000;
      }
      if (l.startsWith("role:master")) role = Instance.Kind.MASTER;
      else if (l.startsWith("role:slave")) role = Instance.Kind.REPLICA;
      if (role == Instance.Kind.REPLICA) {
        if (l.startsWith("master_host:")) masterHost = l.substring(12);
        if (l.startsWith("master_port:")) masterPort = (int) atol(l.substring(12));
        if (l.startsWith("master_link_status:")) {
          linkUp = l.substring(19).toLowerCase(Locale.ROOT).equals("up");
        }
        if (l.startsWith("slave_priority:")) priority = (int) atol(l.substring(15));
        if (l.startsWith("slave_repl_offset:")) offset = atol(l.substring(18));
        if (l.startsWith("replica_announced:")) announced = (int) atol(l.substring(18));
      }
    }
    return new InfoReport(runId, role, List.copyOf(replicas), linkDown, masterHost, masterPort,
        linkUp, priority, offset, announced);
  }

  private static ReplicaAddr replicaLine(String l) {
    String ip;
    String port;
    if (!l.contains("ip=")) {
      int colon = l.indexOf(':');
      if (colon < 0) return null;
      String rest = l.substring(colon + 1);
      int c1 = rest.indexOf(',');
      if (c1 < 0) return null;
      int c2 = rest.indexOf(',', c1 + 1);
      if (c2 < 0) return null;
      ip = rest.substring(0, c1);
      port = rest.substring(c1 + 1, c2);
    } else {
      int i = l.indexOf("ip=");
      int p = l.indexOf("port=");
      if (p < 0) return null;
      ip = upToComma(l.substring(i + 3));
      port = upToComma(l.substring(p + 5));
    }
    return new ReplicaAddr(ip, (int) atol(port));
  }

  private static String upToComma(String s) {
    int c = s.indexOf(',');
    return c < 0 ? s : s.substring(0, c);
  }

  /** C's atoll: optional spaces and sign, then leading digits; 0 when none. */
  static long atol(String s) {
    int i = 0;
    int n = s.length();
    while (i < n && Character.isWhitespace(s.charAt(i))) i++;
    boolean neg = false;
    if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) neg = s.charAt(i++) == '-';
    long v = 0;
    while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      v = v * 10 + (s.charAt(i++) - '0');
      if (v > Long.MAX_VALUE / 10) break;
    }
    return neg ? -v : v;
  }
}
