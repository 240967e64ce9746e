package io.kvstore.replication;

import java.util.Locale;

/**
 * The replica class of {@code client-output-buffer-limit} (hard bytes, soft bytes, soft seconds;
 * 0 disables a limit) and Redis's check of it (checkClientOutputBufferLimits): the hard limit
 * trips at once; the soft one only after it has been exceeded continuously for more than the
 * soft seconds, counted in whole seconds from the first time it was seen exceeded.
 */
final class OutputLimit {
  final long hard;
  final long soft;
  final long softSeconds;

  OutputLimit(long hard, long soft, long softSeconds) {
    this.hard = hard;
    this.soft = soft;
    this.softSeconds = softSeconds;
  }

  /** The replica ("slave") class of a {@code client-output-buffer-limit} value. */
  static OutputLimit parse(String value) {
    String[] w = value.trim().split("\\s+");
    for (int i = 0; i + 3 < w.length; i += 4) {
      String cls = w[i].toLowerCase(Locale.ROOT);
      if (cls.equals("slave") || cls.equals("replica")) {
        return new OutputLimit(Long.parseLong(w[i + 1]), Long.parseLong(w[i + 2]), Long.parseLong(w[i + 3]));
      }
    }
    return new OutputLimit(0, 0, 0);
  }

  /** Per replica: when the soft limit was first seen exceeded (unix seconds, 0 = not). */
  static final class Tracker {
    private long softSinceSec;

    /** True when {@code used} bytes break the limit at {@code nowMs}. */
    boolean exceeded(OutputLimit limit, long used, long nowMs) {
      boolean hard = limit.hard > 0 && used >= limit.hard;
      boolean soft = limit.soft > 0 && used >= limit.soft;
      long nowSec = nowMs / 1000;
      if (soft) {
        if (softSinceSec == 0) {
          softSinceSec = nowSec;
          soft = false;
        } else if (nowSec - softSinceSec <= limit.softSeconds) {
          soft = false;
        }
      } else {
        softSinceSec = 0;
      }
      return hard || soft;
    }
  }
}
