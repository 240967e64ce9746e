package io.kvstore.core.replication;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: escaped byte text ({@code \r}, {@code \n}, {@code \xNN}) and RESP splitting. */
final class Wire {
  private Wire() {}

  static String escape(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      int c = x & 0xff;
      if (c == '\r') sb.append("\\r");
      else if (c == '\n') sb.append("\\n");
      else if (c == '\\') sb.append("\\\\");
      else if (c >= 0x20 && c < 0x7f) sb.append((char) c);
      else sb.append(String.format("\\x%02x", c));
    }
    return sb.toString();
  }

  static byte[] unescape(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        out.write(c);
        continue;
      }
      char n = s.charAt(++i);
      switch (n) {
        case 'r': out.write('\r'); break;
        case 'n': out.write('\n'); break;
        case '\\': out.write('\\'); break;
        case 'x': out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16)); i += 2; break;
        default: throw new IllegalArgumentException("bad escape \\" + n);
      }
    }
    return out.toByteArray();
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Complete RESP arrays at the start of {@code b}; the incomplete tail is left out. */
  static List<byte[]> commands(byte[] b) {
    List<byte[]> out = new ArrayList<>();
    int pos = 0;
    while (true) {
      int end = arrayEnd(b, pos);
      if (end < 0) break;
      byte[] cmd = new byte[end - pos];
      System.arraycopy(b, pos, cmd, 0, cmd.length);
      out.add(cmd);
      pos = end;
    }
    return out;
  }

  /** The index after the RESP array starting at {@code pos}, or -1 when incomplete. */
  static int arrayEnd(byte[] b, int pos) {
    if (pos >= b.length) return -1;
    if (b[pos] != '*') throw new IllegalArgumentException("not an array at " + pos);
    int[] p = {pos + 1};
    long n = readNumber(b, p);
    if (n < 0) return -1;
    for (long i = 0; i < n; i++) {
      if (p[0] >= b.length) return -1;
      if (b[p[0]] != '$') throw new IllegalArgumentException("not a bulk at " + p[0]);
      p[0]++;
      long len = readNumber(b, p);
      if (len < 0 || p[0] + len + 2 > b.length) return -1;
      p[0] += (int) len + 2;
    }
    return p[0];
  }

  private static long readNumber(byte[] b, int[] p) {
    long v = 0;
    int i = p[0];
    while (i < b.length && b[i] != '\r') v = v * 10 + (b[i++] - '0');
    if (i + 1 >= b.length) return -1;
    p[0] = i + 2;
    return v;
  }

  /** The words of one RESP array (for matching a command name in tests). */
  static List<String> words(byte[] cmd) {
    List<String> out = new ArrayList<>();
    int[] p = {1};
    long n = readNumber(cmd, p);
    for (long i = 0; i < n; i++) {
      p[0]++;
      int len = (int) readNumber(cmd, p);
      out.add(new String(cmd, p[0], len, StandardCharsets.UTF_8));
      p[0] += len + 2;
    }
    return out;
  }
}
