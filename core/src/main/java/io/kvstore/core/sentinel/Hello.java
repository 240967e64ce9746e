package io.kvstore.core.sentinel;

/**
 * A hello message, published every 2 s on {@code __sentinel__:hello} of every monitored
 * instance (and sent to the other sentinels with PUBLISH):
 * {@code ip,port,runid,current_epoch,master_name,master_ip,master_port,master_config_epoch}.
 *
 * <p>Parsing is stricter than Redis's {@code atoi}: a message whose ports are not 1–65535 or
 * whose epochs are not decimal numbers below 2^63, or with an empty field, is rejected, so garbage on the
 * channel can never turn into a sentinel at port 0 or a configuration change.
 */
public record Hello(String ip, int port, String runId, long currentEpoch, String masterName,
    String masterIp, int masterPort, long masterConfigEpoch) {

  /** The wire form. */
  public String format() {
    return ip + "," + port + "," + runId + "," + currentEpoch + ","
        + masterName + "," + masterIp + "," + masterPort + ","
        + masterConfigEpoch;
  }

  /** The message, or null when it is not a well-formed hello. */
  public static Hello parse(String payload) {
    if (payload == null) return null;
    String[] t = payload.split(",", -1);
    if (t.length != 8) return null;
    for (String s : t) {
      if (s.isEmpty()) return null;
    }
    int port = port(t[1]);
    int masterPort = port(t[6]);
    long epoch = unsigned(t[3]);
    long masterEpoch = unsigned(t[7]);
    if (port < 0 || masterPort < 0 || epoch < 0 || masterEpoch < 0) return null;
    return new Hello(t[0], port, t[2], epoch, t[4], t[5], masterPort, masterEpoch);
  }

  private static int port(String s) {
    if (s.length() > 5) return -1;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') return -1;
    }
    int p = Integer.parseInt(s);
    return p >= 1 && p <= 65535 ? p : -1;
  }

  /** A non-negative decimal that fits a signed 64-bit number, or -1 when malformed. */
  private static long unsigned(String s) {
    if (s.length() > 19) return -1;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') return -1;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
