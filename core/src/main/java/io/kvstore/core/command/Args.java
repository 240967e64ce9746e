package io.kvstore.core.command;

import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.RedisException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The argv of one command with Redis-exact parsing helpers (errors as {@link RedisException}). */
public final class Args {
  private final byte[][] argv;

  public Args(byte[][] argv) {
    this.argv = argv;
  }

  public static Args of(String... words) {
    byte[][] a = new byte[words.length][];
    for (int i = 0; i < words.length; i++) a[i] = words[i].getBytes(StandardCharsets.UTF_8);
    return new Args(a);
  }

  public int size() {
    return argv.length;
  }

  public byte[] get(int i) {
    return argv[i];
  }

  public byte[][] raw() {
    return argv;
  }

  public String str(int i) {
    return new String(argv[i], StandardCharsets.UTF_8);
  }

  /** The argument upper-cased, for option keywords. */
  public String upper(int i) {
    return str(i).toUpperCase(java.util.Locale.ROOT);
  }

  /** Case-insensitive keyword match. */
  public boolean is(int i, String keyword) {
    byte[] a = argv[i];
    if (a.length != keyword.length()) return false;
    for (int k = 0; k < a.length; k++) {
      int c = a[k];
      if (c >= 'a' && c <= 'z') c -= 32;
      int d = keyword.charAt(k);
      if (d >= 'a' && d <= 'z') d -= 32;
      if (c != d) return false;
    }
    return true;
  }

  public long longArg(int i) {
    return parseLong(argv[i], Errors.NOT_INTEGER);
  }

  public long longArg(int i, String error) {
    return parseLong(argv[i], error);
  }

  public double doubleArg(int i) {
    return parseDouble(argv[i], Errors.NOT_FLOAT);
  }

  public Args slice(int from) {
    return new Args(Arrays.copyOfRange(argv, from, argv.length));
  }

  /**
   * Redis {@code string2ll}: optional '-', digits, no leading zeros (except "0"), no spaces, no '+',
   * within the 64-bit signed range.
   */
  public static long parseLong(byte[] b, String error) {
    Long v = tryParseLong(b);
    if (v == null) throw new RedisException(error);
    return v;
  }

  public static Long tryParseLong(byte[] b) {
    int n = b.length;
    if (n == 0 || n > 20) return null;
    if (n == 1 && b[0] == '0') return 0L;
    int i = 0;
    boolean neg = false;
    if (b[0] == '-') {
      neg = true;
      i = 1;
      if (n == 1) return null;
    }
    if (b[i] < '1' || b[i] > '9') return null;
    long v = 0;
    for (; i < n; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) return null;
      // accumulate negatively to reach Long.MIN_VALUE
      if (v < (Long.MIN_VALUE + d) / 10) return null;
      v = v * 10 - d;
    }
    if (!neg) {
      if (v == Long.MIN_VALUE) return null;
      return -v;
    }
    return v;
  }

  /** Redis {@code string2ld}/{@code strtold} style: no spaces, no NaN; "inf" accepted. */
  public static double parseDouble(byte[] b, String error) {
    String s = new String(b, StandardCharsets.ISO_8859_1);
    if (s.isEmpty() || Character.isWhitespace(s.charAt(0))
        || Character.isWhitespace(s.charAt(s.length() - 1))) {
      throw new RedisException(error);
    }
    String l = s.toLowerCase(java.util.Locale.ROOT);
    double d;
    switch (l) {
      case "inf", "+inf", "infinity", "+infinity" -> d = Double.POSITIVE_INFINITY;
      case "-inf", "-infinity" -> d = Double.NEGATIVE_INFINITY;
      default -> {
        // Java accepts suffixes like 'd'/'f' and hex floats differently; reject letters other than e/x/p
        for (int k = 0; k < l.length(); k++) {
          char c = l.charAt(k);
          if (!(c >= '0' && c <= '9') && c != '.' && c != 'e' && c != '-' && c != '+') {
            throw new RedisException(error);
          }
        }
        try {
          d = Double.parseDouble(s);
        } catch (NumberFormatException e) {
          throw new RedisException(error);
        }
      }
    }
    if (Double.isNaN(d)) throw new RedisException(error);
    return d;
  }
}
