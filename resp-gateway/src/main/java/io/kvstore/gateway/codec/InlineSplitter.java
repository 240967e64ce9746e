package io.kvstore.gateway.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an inline request line into arguments with Redis's sdssplitargs rules: blanks separate
 * arguments; "double quotes" understand {@code \n \r \t \b \a \xHH} and {@code \<any>}; 'single
 * quotes' understand only {@code \'}; a closing quote must be followed by a blank or the end of
 * the line, and an unterminated quote is an error. The line is a C string to Redis, so a NUL
 * byte ends it.
 */
public final class InlineSplitter {
  private InlineSplitter() {}

  /** The arguments, or null when the quotes are unbalanced. */
  public static List<byte[]> split(byte[] line) {
    List<byte[]> argv = new ArrayList<>();
    int p = 0;
    while (true) {
      while (at(line, p) != 0 && isSpace(at(line, p))) p++;
      if (at(line, p) == 0) return argv;
      ByteArrayOutputStream cur = new ByteArrayOutputStream();
      boolean inq = false;
      boolean insq = false;
      boolean done = false;
      while (!done) {
        int c = at(line, p);
        if (inq) {
          if (c == '\\' && at(line, p + 1) == 'x' && isHex(at(line, p + 2)) && isHex(at(line, p + 3))) {
            cur.write(hex(at(line, p + 2)) * 16 + hex(at(line, p + 3)));
            p += 3;
          } else if (c == '\\' && at(line, p + 1) != 0) {
            p++;
            cur.write(unescape(at(line, p)));
          } else if (c == '"') {
            if (at(line, p + 1) != 0 && !isSpace(at(line, p + 1))) return null;
            done = true;
          } else if (c == 0) {
            return null;
          } else {
            cur.write(c);
          }
        } else if (insq) {
          if (c == '\\' && at(line, p + 1) == '\'') {
            p++;
            cur.write('\'');
          } else if (c == '\'') {
            if (at(line, p + 1) != 0 && !isSpace(at(line, p + 1))) return null;
            done = true;
          } else if (c == 0) {
            return null;
          } else {
            cur.write(c);
          }
        } else {
          switch (c) {
            case ' ', '\n', '\r', '\t', 0 -> done = true;
            case '"' -> inq = true;
            case '\'' -> insq = true;
            default -> cur.write(c);
          }
        }
        if (at(line, p) != 0) p++;
      }
      argv.add(cur.toByteArray());
    }
  }

  private static int at(byte[] line, int i) {
    return i < line.length ? line[i] & 0xff : 0;
  }

  /** C isspace in the C locale. */
  private static boolean isSpace(int c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == 0x0c || c == '\r';
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static int hex(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return c - 'A' + 10;
  }

  private static int unescape(int c) {
    switch (c) {
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case 'b': return '\b';
      case 'a': return 7;
      default: return c;
    }
  }
}
