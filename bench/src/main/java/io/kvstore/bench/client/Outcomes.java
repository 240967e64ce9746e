package io.kvstore.bench.client;

import java.util.List;

/**
 * What an error reply says about the fate of the command that got it. Refusals are errors a
 * server gives before running a command, so the command certainly had no effect: a replica's
 * READONLY, NOREPLICAS (min-replicas), MASTERDOWN, LOADING, EXECABORT, and in the raft mode
 * CLUSTERDOWN (no leader known, nothing proposed), TRYAGAIN (a read not confirmed) and MOVED.
 * Anything else after a write was sent, notably the raft mode's {@code UNKNOWN}, leaves the
 * outcome unknown.
 */
public final class Outcomes {
  private static final List<String> REFUSALS = List.of("READONLY", "NOREPLICAS", "MASTERDOWN", "LOADING",
      "EXECABORT", "CLUSTERDOWN", "TRYAGAIN", "MOVED");
  private static final List<String> ELSEWHERE = List.of("READONLY", "MASTERDOWN", "LOADING", "CLUSTERDOWN",
      "TRYAGAIN", "MOVED", "UNKNOWN");

  private Outcomes() {
  }

  /** True when the error reply means the command was not executed. */
  public static boolean refused(String error) {
    return startsWithAny(error, REFUSALS);
  }

  /**
   * True when the error suggests another member would serve the command (including an unknown
   * outcome: the member could not get an answer from its leader in time).
   */
  public static boolean redirects(String error) {
    return startsWithAny(error, ELSEWHERE);
  }

  private static boolean startsWithAny(String error, List<String> prefixes) {
    if (error == null) {
      return false;
    }
    for (String p : prefixes) {
      if (error.startsWith(p + " ") || error.equals(p)) {
        return true;
      }
    }
    return false;
  }
}
