package io.kvstore.server.cli;

import io.kvstore.proto.v1.Reply;
import io.kvstore.proto.v1.ReplyMapEntry;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * Formats replies exactly as redis-cli does on a terminal: status text bare, strings quoted
 * and escaped, {@code (integer) 5}, {@code (nil)}, {@code (error) ERR ...}, numbered nested
 * arrays, {@code 1# key => value} maps; and in raw mode (INFO, {@code --raw}) unquoted text.
 */
public final class ReplyPrinter {
  private ReplyPrinter() {}

  /** redis-cli's standard (TTY) rendering, ending with a newline. */
  public static String tty(Reply r) {
    return tty(r, "");
  }

  private static String tty(Reply r, String prefix) {
    switch (r.getKindCase()) {
      case ERROR:
        return "(error) " + r.getError() + "\n";
      case SIMPLE:
        return r.getSimple() + "\n";
      case INTEGER:
        return "(integer) " + r.getInteger() + "\n";
      case DOUBLE:
        return "(double) " + formatDouble(r.getDouble()) + "\n";
      case BULK:
        return quote(r.getBulk().toByteArray()) + "\n";
      case BOOL:
        return r.getBool() ? "(true)\n" : "(false)\n";
      case ARRAY:
        return aggregate(r.getArray().getItemsList(), null, prefix);
      case MAP:
        return aggregate(null, r.getMap().getEntriesList(), prefix);
      default:
        return "(nil)\n";
    }
  }

  private static String aggregate(List<Reply> items, List<ReplyMapEntry> entries, String prefix) {
    boolean map = entries != null;
    int n = map ? entries.size() : items.size();
    if (n == 0) return map ? "(empty hash)\n" : "(empty array)\n";
    int idxlen = Integer.toString(n).length();
    String childPrefix = prefix + " ".repeat(idxlen + 2);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < n; i++) {
      out.append(i == 0 ? "" : prefix);
      out.append(String.format("%" + idxlen + "d", i + 1)).append(map ? "# " : ") ");
      if (map) {
        String key = tty(entries.get(i).getKey(), childPrefix);
        out.append(key, 0, key.length() - 1).append(" => ");
        Reply value = entries.get(i).getValue();
        if (multiline(value)) out.append('\n').append(childPrefix);
        out.append(tty(value, childPrefix));
      } else {
        out.append(tty(items.get(i), childPrefix));
      }
    }
    return out.toString();
  }

  private static boolean multiline(Reply r) {
    if (r.hasArray()) {
      List<Reply> items = r.getArray().getItemsList();
      return items.size() > 1 || (items.size() == 1 && multiline(items.get(0)));
    }
    if (r.hasMap()) {
      List<ReplyMapEntry> e = r.getMap().getEntriesList();
      return e.size() > 1 || (e.size() == 1 && multiline(e.get(0).getValue()));
    }
    return false;
  }

  /** redis-cli's raw rendering (no quoting; nil prints nothing), ending with a newline. */
  public static String raw(Reply r) {
    return rawBody(r) + "\n";
  }

  /** redis-cli's rendering of INFO-like replies: the raw text, nothing added. */
  public static String verbatim(Reply r) {
    return rawBody(r);
  }

  private static String rawBody(Reply r) {
    switch (r.getKindCase()) {
      case ERROR:
        return r.getError() + "\n";
      case SIMPLE:
        return r.getSimple();
      case BULK:
        return r.getBulk().toStringUtf8();
      case INTEGER:
        return Long.toString(r.getInteger());
      case DOUBLE:
        return formatDouble(r.getDouble());
      case BOOL:
        return r.getBool() ? "(true)" : "(false)";
      case ARRAY: {
        StringBuilder sb = new StringBuilder();
        List<Reply> items = r.getArray().getItemsList();
        for (int i = 0; i < items.size(); i++) {
          if (i > 0) sb.append('\n');
          sb.append(rawBody(items.get(i)));
        }
        return sb.toString();
      }
      case MAP: {
        StringBuilder sb = new StringBuilder();
        List<ReplyMapEntry> entries = r.getMap().getEntriesList();
        for (int i = 0; i < entries.size(); i++) {
          if (i > 0) sb.append('\n');
          sb.append(rawBody(entries.get(i).getKey())).append(' ')
              .append(rawBody(entries.get(i).getValue()));
        }
        return sb.toString();
      }
      default:
        return "";
    }
  }

  /** sdscatrepr: quotes, backslash escapes and \xHH for non-printable bytes. */
  public static String quote(byte[] s) {
    StringBuilder sb = new StringBuilder(s.length + 2).append('"');
    for (byte b : s) {
      int c = b & 0xff;
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '"' -> sb.append("\\\"");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case 7 -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        default -> {
          if (c >= 0x20 && c < 0x7f) {
            sb.append((char) c);
          } else {
            sb.append(String.format("\\x%02x", c));
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** C's {@code %.17g}, the text a RESP3 double carries. */
  static String formatDouble(double d) {
    if (Double.isNaN(d)) return "nan";
    if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
    if (d == 0) return (1 / d < 0) ? "-0" : "0";
    BigDecimal bd = new BigDecimal(d).round(new MathContext(17));
    int exp = bd.precision() - bd.scale() - 1;
    if (exp < -4 || exp >= 17) {
      BigDecimal mantissa = bd.movePointLeft(exp).stripTrailingZeros();
      String m = mantissa.toPlainString();
      return m + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
    }
    String plain = bd.stripTrailingZeros().toPlainString();
    return plain;
  }
}
