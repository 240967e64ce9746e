package io.kvstore.core.config;

import java.util.List;
import java.util.Locale;

/**
 * One configuration parameter: its name(s), type, default and whether CONFIG SET may change it.
 * Validation errors are the text Redis 7.0 puts after "CONFIG SET failed (...) - ".
 */
public record ConfigParam(String name, List<String> aliases, Type type, String defaultValue,
    boolean mutable, long min, long max, List<String> enumValues) {

  public enum Type { BOOL, INT, MEMORY, ENUM, STRING }

  public static ConfigParam bool(String name, boolean def, boolean mutable) {
    return new ConfigParam(name, List.of(), Type.BOOL, def ? "yes" : "no", mutable, 0, 0, List.of());
  }

  public static ConfigParam integer(String name, long def, long min, long max, boolean mutable) {
    return new ConfigParam(name, List.of(), Type.INT, Long.toString(def), mutable, min, max, List.of());
  }

  public static ConfigParam memory(String name, long def, long min, long max, boolean mutable) {
    return new ConfigParam(name, List.of(), Type.MEMORY, Long.toString(def), mutable, min, max, List.of());
  }

  public static ConfigParam enumeration(String name, String def, boolean mutable, String... values) {
    return new ConfigParam(name, List.of(), Type.ENUM, def, mutable, 0, 0, List.of(values));
  }

  public static ConfigParam string(String name, String def, boolean mutable) {
    return new ConfigParam(name, List.of(), Type.STRING, def, mutable, 0, 0, List.of());
  }

  public ConfigParam alias(String... names) {
    return new ConfigParam(name, List.of(names), type, defaultValue, mutable, min, max, enumValues);
  }

  /**
   * Normalizes a user-supplied value to its canonical stored form, or throws
   * {@link IllegalArgumentException} with Redis's reason text.
   */
  public String normalize(String raw) {
    switch (type) {
      case BOOL -> {
        String v = raw.toLowerCase(Locale.ROOT);
        if (!v.equals("yes") && !v.equals("no")) {
          throw new IllegalArgumentException("argument must be 'yes' or 'no'");
        }
        return v;
      }
      case INT -> {
        long v;
        try {
          v = Long.parseLong(raw);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("argument couldn't be parsed into an integer");
        }
        checkRange(v);
        return Long.toString(v);
      }
      case MEMORY -> {
        long v = parseMemory(raw);
        if (v < 0 && min >= 0) throw new IllegalArgumentException("argument must be a memory value");
        checkRange(v);
        return Long.toString(v);
      }
      case ENUM -> {
        String v = raw.toLowerCase(Locale.ROOT);
        if (!enumValues.contains(v)) {
          throw new IllegalArgumentException(
              "argument(s) must be one of the following: " + String.join(", ", enumValues));
        }
        return v;
      }
      default -> {
        return raw;
      }
    }
  }

  private void checkRange(long v) {
    if (v < min || v > max) {
      throw new IllegalArgumentException("argument must be between " + min + " and " + max + " inclusive");
    }
  }

  /** Redis memtoull: a number with an optional b, k, kb, m, mb, g, gb unit (case-insensitive). */
  public static long parseMemory(String raw) {
    String s = raw.toLowerCase(Locale.ROOT);
    long mul = 1;
    String[][] units = {{"gb", "1073741824"}, {"mb", "1048576"}, {"kb", "1024"},
        {"g", "1000000000"}, {"m", "1000000"}, {"k", "1000"}, {"b", "1"}};
    for (String[] u : units) {
      if (s.endsWith(u[0])) {
        mul = Long.parseLong(u[1]);
        s = s.substring(0, s.length() - u[0].length());
        break;
      }
    }
    try {
      if (s.isEmpty() || s.startsWith("+")) throw new NumberFormatException();
      return Math.multiplyExact(Long.parseLong(s), mul);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("argument must be a memory value");
    }
  }
}
