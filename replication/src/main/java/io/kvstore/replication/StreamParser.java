package io.kvstore.replication;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits the master's replication stream into commands, keeping each command's exact bytes: a
 * replica's offset advances by precisely those bytes, and it forwards them unchanged to its own
 * backlog and sub-replicas, which is what keeps offsets identical down a chain. (The client
 * request parser consumes everything it can at once and does not report per-command sizes.)
 *
 * <p>Multibulk requests ({@code *N} then N bulks) as masters send them, and inline lines as
 * Redis also accepts them from a master (an empty line is an empty command that still counts).
 * Incomplete input is kept for the next {@link #feed}. Malformed input throws
 * {@link IllegalStateException}: the link is then dropped, as Redis drops a master that sends a
 * protocol error.
 */
final class StreamParser {
  private static final int MAX_INLINE = 64 * 1024;
  private static final long MAX_ARGS = 1024 * 1024;

  /** One command: its arguments (empty for a blank inline line) and raw bytes. */
  record Command(byte[][] argv, byte[] raw) {
    String name() {
      return argv.length == 0 ? "" : new String(argv[0], StandardCharsets.UTF_8);
    }
  }

  private final long maxBulk;
  private byte[] buf = new byte[0];
  private int len;

  StreamParser(long maxBulk) {
    this.maxBulk = maxBulk;
  }

  /** Bytes received but not yet part of a complete command. */
  int pending() {
    return len;
  }

  List<Command> feed(byte[] data) {
    append(data);
    List<Command> out = new ArrayList<>();
    int pos = 0;
    while (pos < len) {
      int end = buf[pos] == '*' ? multibulkEnd(pos) : inlineEnd(pos);
      if (end < 0) break;
      byte[] raw = Arrays.copyOfRange(buf, pos, end);
      out.add(new Command(buf[pos] == '*' ? multibulkArgs(raw) : inlineArgs(raw), raw));
      pos = end;
    }
    System.arraycopy(buf, pos, buf, 0, len - pos);
    len -= pos;
    return out;
  }

  private void append(byte[] data) {
    if (len + data.length > buf.length) buf = Arrays.copyOf(buf, Math.max(len + data.length, buf.length * 2));
    System.arraycopy(data, 0, buf, len, data.length);
    len += data.length;
  }

  /** The end (exclusive) of the multibulk at {@code pos}, or -1 when incomplete. */
  private int multibulkEnd(int pos) {
    int eol = lineEnd(pos);
    if (eol < 0) return -1;
    long n = number(pos + 1, eol, "multibulk length");
    if (n > MAX_ARGS) throw new IllegalStateException("Protocol error: invalid multibulk length");
    int p = eol + 2;
    for (long i = 0; i < n; i++) {
      if (p >= len) return -1;
      if (buf[p] != '$') {
        throw new IllegalStateException("Protocol error: expected '$', got '" + (char) buf[p] + "'");
      }
      int bl = lineEnd(p);
      if (bl < 0) return -1;
      long size = number(p + 1, bl, "bulk length");
      if (size > maxBulk) throw new IllegalStateException("Protocol error: invalid bulk length");
      long next = (long) bl + 2 + size + 2;
      if (next > len) return -1;
      p = (int) next;
    }
    return p;
  }

  private static byte[][] multibulkArgs(byte[] raw) {
    int eol = indexOf(raw, 0, (byte) '\r');
    int n = Integer.parseInt(new String(raw, 1, eol - 1, StandardCharsets.US_ASCII));
    byte[][] argv = new byte[Math.max(0, n)][];
    int p = eol + 2;
    for (int i = 0; i < argv.length; i++) {
      int bl = indexOf(raw, p, (byte) '\r');
      int size = Integer.parseInt(new String(raw, p + 1, bl - p - 1, StandardCharsets.US_ASCII));
      argv[i] = Arrays.copyOfRange(raw, bl + 2, bl + 2 + size);
      p = bl + 2 + size + 2;
    }
    return argv;
  }

  private int inlineEnd(int pos) {
    for (int i = pos; i < len; i++) {
      if (buf[i] == '\n') return i + 1;
    }
    if (len - pos > MAX_INLINE) throw new IllegalStateException("Protocol error: too big inline request");
    return -1;
  }

  private static byte[][] inlineArgs(byte[] raw) {
    String line = new String(raw, StandardCharsets.ISO_8859_1).trim();
    if (line.isEmpty()) return new byte[0][];
    String[] words = line.split("\\s+");
    byte[][] argv = new byte[words.length][];
    for (int i = 0; i < words.length; i++) argv[i] = words[i].getBytes(StandardCharsets.ISO_8859_1);
    return argv;
  }

  /** Index of the CR of the CRLF ending the line at {@code pos}, or -1 when not all here. */
  private int lineEnd(int pos) {
    for (int i = pos; i + 1 < len; i++) {
      if (buf[i] == '\r') {
        if (buf[i + 1] != '\n') throw new IllegalStateException("Protocol error: bad line ending");
        return i;
      }
      if (i - pos > 64) throw new IllegalStateException("Protocol error: header too long");
    }
    return -1;
  }

  private long number(int from, int to, String what) {
    if (to <= from || to - from > 19) throw new IllegalStateException("Protocol error: invalid " + what);
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = buf[i] - '0';
      if (d < 0 || d > 9) throw new IllegalStateException("Protocol error: invalid " + what);
      v = v * 10 + d;
    }
    return v;
  }

  private static int indexOf(byte[] a, int from, byte b) {
    for (int i = from; i < a.length; i++) if (a[i] == b) return i;
    return -1;
  }
}
