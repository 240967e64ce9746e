package io.kvstore.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The parameters Redis parses specially: several arguments in one value ({@code save 3600 1},
 * {@code client-output-buffer-limit normal 0 0 0}, {@code bind a b}, {@code replicaof h p},
 * {@code oom-score-adj-values}) and {@code notify-keyspace-events}. Shared by the config file
 * parser and CONFIG SET so both validate with Redis's reason texts and store the value in the
 * form CONFIG GET prints.
 *
 * <p>{@code client-output-buffer-limit} merges: a value names one or more classes and the other
 * classes keep their limits. {@code save} replaces, except that inside one config file every
 * {@code save} line after the first appends (Redis's "aggregate save" rule).
 */
public final class SpecialValues {
  private SpecialValues() {}

  private static final Set<String> MULTI_ARG =
      Set.of("save", "client-output-buffer-limit", "bind", "replicaof", "oom-score-adj-values");

  /** Parameters whose value may span several arguments (Redis MULTI_ARG_CONFIG). */
  public static boolean isMultiArg(String canonicalName) {
    return MULTI_ARG.contains(canonicalName);
  }

  /** Whether {@link #normalize} must be used instead of {@link ConfigParam#normalize}. */
  public static boolean isSpecial(String canonicalName) {
    return MULTI_ARG.contains(canonicalName) || canonicalName.equals("notify-keyspace-events");
  }

  /**
   * The stored form of {@code args} for a special parameter, given its {@code current} value.
   * {@code appendSave}: a later {@code save} line of the same config file. Throws
   * {@link IllegalArgumentException} carrying Redis's reason.
   */
  public static String normalize(String name, List<String> args, String current, boolean appendSave) {
    switch (name) {
      case "save":
        return save(args, current, appendSave);
      case "client-output-buffer-limit":
        return outputBufferLimits(args, current);
      case "bind":
        if (args.size() > 16) throw new IllegalArgumentException("Too many bind addresses specified.");
        if (args.size() == 1 && args.get(0).isEmpty()) return "";
        return String.join(" ", args);
      case "replicaof":
        return replicaOf(args);
      case "oom-score-adj-values":
        return oomScoreAdjValues(args);
      case "notify-keyspace-events":
        if (args.size() != 1) throw new IllegalArgumentException("wrong number of arguments");
        return keyspaceEvents(args.get(0));
      default:
        throw new IllegalArgumentException("not a special parameter: " + name);
    }
  }

  private static String save(List<String> args, String current, boolean append) {
    List<String> a = args;
    if (a.size() == 1 && a.get(0).isEmpty()) a = List.of();
    if (a.size() % 2 != 0) throw new IllegalArgumentException("Invalid save parameters");
    List<String> out = new ArrayList<>();
    for (int j = 0; j < a.size(); j++) {
      Long v = strtoll(a.get(j));
      if (v == null || (j % 2 == 0 && v < 1) || (j % 2 == 1 && v < 0)) {
        throw new IllegalArgumentException("Invalid save parameters");
      }
      out.add(j % 2 == 0 ? Long.toString(v) : Integer.toString((int) (long) v));
    }
    String value = String.join(" ", out);
    if (append && !current.isEmpty()) return value.isEmpty() ? current : current + " " + value;
    return value;
  }

  /** Classes in Redis's order; "replica" is the "slave" class. */
  private static final List<String> CLASSES = List.of("normal", "slave", "pubsub");

  private static String outputBufferLimits(List<String> args, String current) {
    if (args.size() % 4 != 0) {
      throw new IllegalArgumentException("Wrong number of arguments in buffer limit configuration.");
    }
    Map<String, String> limits = new LinkedHashMap<>();
    List<String> cur = List.of(current.trim().split("\\s+"));
    for (int j = 0; j + 3 < cur.size(); j += 4) {
      limits.put(cur.get(j), cur.get(j + 1) + " " + cur.get(j + 2) + " " + cur.get(j + 3));
    }
    Map<String, String> updates = new LinkedHashMap<>();
    for (int j = 0; j < args.size(); j += 4) {
      String cls = args.get(j).toLowerCase(Locale.ROOT);
      if (cls.equals("replica")) cls = "slave";
      if (!CLASSES.contains(cls)) {
        throw new IllegalArgumentException("Invalid client class specified in buffer limit configuration.");
      }
      Long hard = memtoull(args.get(j + 1));
      Long soft = memtoull(args.get(j + 2));
      Long seconds = strtoll(args.get(j + 3));
      if (hard == null || soft == null || seconds == null || seconds < 0) {
        throw new IllegalArgumentException(
            "Error in hard, soft or soft_seconds setting in buffer limit configuration.");
      }
      updates.put(cls, hard + " " + soft + " " + seconds);
    }
    limits.putAll(updates);
    StringBuilder sb = new StringBuilder();
    for (String cls : CLASSES) {
      if (sb.length() > 0) sb.append(' ');
      sb.append(cls).append(' ').append(limits.getOrDefault(cls, "0 0 0"));
    }
    return sb.toString();
  }

  private static String replicaOf(List<String> args) {
    if (args.size() != 2) throw new IllegalArgumentException("wrong number of arguments");
    if (args.get(0).equalsIgnoreCase("no") && args.get(1).equalsIgnoreCase("one")) return "";
    Long port = strtoll(args.get(1));
    if (port == null || port < 0 || port > 65535) throw new IllegalArgumentException("Invalid master port");
    return args.get(0) + " " + port;
  }

  private static String oomScoreAdjValues(List<String> args) {
    if (args.size() != 3) throw new IllegalArgumentException("wrong number of arguments");
    List<String> out = new ArrayList<>();
    for (String a : args) {
      Long v = strtoll(a);
      if (v == null || v < -2000 || v > 2000) {
        throw new IllegalArgumentException(
            "Invalid oom-score-adj-values, elements must be between -2000 and 2000.");
      }
      out.add(Long.toString(v));
    }
    return String.join(" ", out);
  }

  private static final String EVENT_CLASSES = "g$lshzxetdn";

  /** Validates and canonicalizes keyspace event classes the way CONFIG GET prints them. */
  static String keyspaceEvents(String classes) {
    boolean[] on = new boolean[128];
    for (char c : classes.toCharArray()) {
      if (c == 'A') {
        for (char k : EVENT_CLASSES.toCharArray()) if (k != 'n') on[k] = true;
      } else if (c < 128 && (EVENT_CLASSES.indexOf(c) >= 0 || c == 'K' || c == 'E' || c == 'm')) {
        on[c] = true;
      } else {
        throw new IllegalArgumentException("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
      }
    }
    StringBuilder sb = new StringBuilder();
    boolean all = true;
    for (char k : EVENT_CLASSES.toCharArray()) if (k != 'n' && !on[k]) all = false;
    if (all) {
      sb.append('A'); // Redis prints only "A" for the full set, even with 'n'
    } else {
      for (char k : EVENT_CLASSES.toCharArray()) if (on[k]) sb.append(k);
    }
    for (char k : "KEm".toCharArray()) if (on[k]) sb.append(k);
    return sb.toString();
  }

  /** C strtoll with the whole string consumed: optional blanks and sign, then digits. */
  static Long strtoll(String s) {
    int i = 0;
    int n = s.length();
    while (i < n && Character.isWhitespace(s.charAt(i))) i++;
    int start = i;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
    int digits = i;
    while (i < n && Character.isDigit(s.charAt(i))) i++;
    if (i != n) return null;
    if (i == digits) return n == 0 ? 0L : null;
    try {
      return Long.parseLong(s.substring(start).startsWith("+") ? s.substring(start + 1) : s.substring(start));
    } catch (NumberFormatException e) {
      return s.charAt(start) == '-' ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** Redis memtoull: digits with an optional b/k/kb/m/mb/g/gb unit; null on error. */
  static Long memtoull(String s) {
    if (s.startsWith("-")) return null;
    try {
      long v = ConfigParam.parseMemory(s);
      return v < 0 ? null : v;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
