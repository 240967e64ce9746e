package io.kvstore.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal JSON writer for the report files: maps, lists, strings, numbers, booleans and null,
 * written with stable key order (use a LinkedHashMap). Non-finite numbers become null.
 */
public final class Json {
  private Json() {
  }

  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, 0, true);
    return sb.toString();
  }

  /** Without newlines, for embedding. */
  public static String compact(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, 0, false);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object v, int depth, boolean pretty) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      quote(sb, s);
    } else if (v instanceof Boolean b) {
      sb.append(b);
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        sb.append("null");
      } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        sb.append((long) d);
      } else {
        sb.append(String.format(Locale.ROOT, "%.4f", d).replaceAll("0+$", ""));
      }
    } else if (v instanceof Number n) {
      sb.append(n.longValue());
    } else if (v instanceof Map<?, ?> m) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        newline(sb, depth + 1, pretty);
        quote(sb, String.valueOf(e.getKey()));
        sb.append(pretty ? ": " : ":");
        write(sb, e.getValue(), depth + 1, pretty);
      }
      if (!m.isEmpty()) {
        newline(sb, depth, pretty);
      }
      sb.append('}');
    } else if (v instanceof List<?> l) {
      sb.append('[');
      boolean scalars = l.stream().noneMatch(x -> x instanceof Map || x instanceof List);
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        if (!scalars) {
          newline(sb, depth + 1, pretty);
        }
        write(sb, l.get(i), depth + 1, pretty);
      }
      if (!scalars && !l.isEmpty()) {
        newline(sb, depth, pretty);
      }
      sb.append(']');
    } else {
      quote(sb, String.valueOf(v));
    }
  }

  private static void newline(StringBuilder sb, int depth, boolean pretty) {
    if (pretty) {
      sb.append('\n').append("  ".repeat(depth));
    }
  }

  static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '<' -> sb.append("\\u003c");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
