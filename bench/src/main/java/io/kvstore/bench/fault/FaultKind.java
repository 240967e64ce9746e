package io.kvstore.bench.fault;

import java.util.Locale;

/** The faults the benchmark injects, always into the member that leads at the time. */
public enum FaultKind {
  /** SIGKILL, restarted with its data when the fault ends. */
  KILL,
  /** SIGSTOP, SIGCONT when the fault ends. */
  PAUSE,
  /** Every link to and from the other members cut; clients still reach it. */
  PARTITION;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static FaultKind parse(String s) {
    return valueOf(s.trim().toUpperCase(Locale.ROOT));
  }
}
