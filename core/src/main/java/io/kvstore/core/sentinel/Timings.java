package io.kvstore.core.sentinel;

/**
 * Sentinel's time constants in milliseconds, Redis's defaults; SENTINEL DEBUG shows and changes
 * them at run time.
 */
public final class Timings {
  public long infoPeriod = 10_000;
  public long pingPeriod = 1_000;
  public long askPeriod = 1_000;
  public long publishPeriod = 2_000;
  public long defaultDownAfter = 30_000;
  public long defaultFailoverTimeout = 180_000;
  public long tiltTrigger = 2_000;
  public long tiltPeriod = 30_000;
  public long slaveReconfTimeout = 10_000;
  public long minLinkReconnectPeriod = 15_000;
  public long electionTimeout = 10_000;
  public long scriptMaxRuntime = 60_000;
  public long scriptRetryDelay = 30_000;

  /** Name (as SENTINEL DEBUG prints it) and value pairs, in Redis's order. */
  public java.util.LinkedHashMap<String, Long> asMap() {
    java.util.LinkedHashMap<String, Long> m = new java.util.LinkedHashMap<>();
    m.put("INFO-PERIOD", infoPeriod);
    m.put("PING-PERIOD", pingPeriod);
    m.put("ASK-PERIOD", askPeriod);
    m.put("PUBLISH-PERIOD", publishPeriod);
    m.put("DEFAULT-DOWN-AFTER", defaultDownAfter);
    m.put("DEFAULT-FAILOVER-TIMEOUT", defaultFailoverTimeout);
    m.put("TILT-TRIGGER", tiltTrigger);
    m.put("TILT-PERIOD", tiltPeriod);
    m.put("SLAVE-RECONF-TIMEOUT", slaveReconfTimeout);
    m.put("MIN-LINK-RECONNECT-PERIOD", minLinkReconnectPeriod);
    m.put("ELECTION-TIMEOUT", electionTimeout);
    m.put("SCRIPT-MAX-RUNTIME", scriptMaxRuntime);
    m.put("SCRIPT-RETRY-DELAY", scriptRetryDelay);
    return m;
  }

  /** Sets one by its SENTINEL DEBUG name (case-insensitive); false when the name is unknown. */
  public boolean set(String name, long v) {
    switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "info-period" -> infoPeriod = v;
      case "ping-period" -> pingPeriod = v;
      case "ask-period" -> askPeriod = v;
      case "publish-period" -> publishPeriod = v;
      case "default-down-after" -> defaultDownAfter = v;
      case "default-failover-timeout" -> defaultFailoverTimeout = v;
      case "tilt-trigger" -> tiltTrigger = v;
      case "tilt-period" -> tiltPeriod = v;
      case "slave-reconf-timeout" -> slaveReconfTimeout = v;
      case "min-link-reconnect-period" -> minLinkReconnectPeriod = v;
      case "election-timeout" -> electionTimeout = v;
      case "script-max-runtime" -> scriptMaxRuntime = v;
      case "script-retry-delay" -> scriptRetryDelay = v;
      default -> {
        return false;
      }
    }
    return true;
  }
}
