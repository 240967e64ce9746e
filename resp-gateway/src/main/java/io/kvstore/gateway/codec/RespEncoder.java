package io.kvstore.gateway.codec;

import io.kvstore.core.reply.Reply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a {@link Reply} in RESP2 or RESP3. RESP2 downgrades the RESP3 types exactly as Redis
 * does: map → flat array of keys and values, set and push → array, double → bulk string in
 * {@code %.17g} form ({@code inf}, {@code -inf}), boolean → {@code :1}/{@code :0}, verbatim →
 * bulk string, null → {@code $-1} (bulk) or {@code *-1} (array). RESP3 uses {@code _ % ~ , # =
 * >}. Status and error lines never carry CR or LF (replaced by spaces, so a reply cannot break
 * the framing). The most frequent frames are pre-encoded.
 */
public final class RespEncoder {
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] OK = ascii("+OK\r\n");
  private static final byte[] PONG = ascii("+PONG\r\n");
  private static final byte[] QUEUED = ascii("+QUEUED\r\n");
  private static final byte[] NULL_BULK2 = ascii("$-1\r\n");
  private static final byte[] NULL_ARRAY2 = ascii("*-1\r\n");
  private static final byte[] NULL3 = ascii("_\r\n");
  private static final byte[] TRUE3 = ascii("#t\r\n");
  private static final byte[] FALSE3 = ascii("#f\r\n");
  private static final byte[] EMPTY_ARRAY = ascii("*0\r\n");
  private static final int INT_CACHE_MIN = -1;
  private static final int INT_CACHE_MAX = 1024;
  private static final byte[][] INTS = new byte[INT_CACHE_MAX - INT_CACHE_MIN + 1][];

  static {
    for (int i = INT_CACHE_MIN; i <= INT_CACHE_MAX; i++) INTS[i - INT_CACHE_MIN] = ascii(":" + i + "\r\n");
  }

  private RespEncoder() {}

  /** Appends the encoding of {@code r} for a client speaking protocol {@code resp} (2 or 3). */
  public static void encode(Reply r, int resp, ByteBuf out) {
    boolean v3 = resp >= 3;
    if (r instanceof Reply.Bulk b) {
      bulk(b.value(), out);
    } else if (r instanceof Reply.Simple s) {
      simple(s, out);
    } else if (r instanceof Reply.Int i) {
      integer(i.value(), out);
    } else if (r instanceof Reply.Error e) {
      line('-', e.text(), out);
    } else if (r instanceof Reply.NullBulk) {
      out.writeBytes(v3 ? NULL3 : NULL_BULK2);
    } else if (r instanceof Reply.NullArray) {
      out.writeBytes(v3 ? NULL3 : NULL_ARRAY2);
    } else if (r instanceof Reply.Array a) {
      aggregate('*', a.items(), resp, out);
    } else if (r instanceof Reply.MapReply m) {
      if (v3) {
        header('%', m.keyValues().size() / 2, out);
        for (Reply item : m.keyValues()) encode(item, resp, out);
      } else {
        aggregate('*', m.keyValues(), resp, out);
      }
    } else if (r instanceof Reply.SetReply s) {
      aggregate(v3 ? '~' : '*', s.items(), resp, out);
    } else if (r instanceof Reply.Push p) {
      aggregate(v3 ? '>' : '*', p.items(), resp, out);
    } else if (r instanceof Reply.DoubleReply d) {
      String text = DoubleFormat.g17(d.value());
      if (v3) {
        out.writeByte(',');
        ByteBufUtil.writeAscii(out, text);
        out.writeBytes(CRLF);
      } else {
        bulk(text.getBytes(StandardCharsets.US_ASCII), out);
      }
    } else if (r instanceof Reply.Bool b) {
      if (v3) out.writeBytes(b.value() ? TRUE3 : FALSE3);
      else out.writeBytes(INTS[(b.value() ? 1 : 0) - INT_CACHE_MIN]);
    } else if (r instanceof Reply.Verbatim v) {
      byte[] text = v.text().getBytes(StandardCharsets.UTF_8);
      if (v3) {
        header('=', text.length + 4L, out);
        for (int i = 0; i < 3; i++) {
          out.writeByte(i < v.format().length() ? v.format().charAt(i) : ' ');
        }
        out.writeByte(':');
        out.writeBytes(text);
        out.writeBytes(CRLF);
      } else {
        bulk(text, out);
      }
    } else if (!(r instanceof Reply.None)) {
      throw new IllegalArgumentException("unknown reply " + r);
    }
  }

  /** The encoding of {@code r} as bytes (tests, small one-off frames). */
  public static byte[] toBytes(Reply r, int resp) {
    ByteBuf buf = Unpooled.buffer();
    encode(r, resp, buf);
    byte[] b = new byte[buf.readableBytes()];
    buf.readBytes(b);
    return b;
  }

  /**
   * An error line whose text maps each char to one byte (ISO-8859-1): used for protocol errors
   * quoting a raw request byte, which Redis echoes unchanged.
   */
  public static void rawError(String text, ByteBuf out) {
    out.writeByte('-');
    ByteBufUtil.writeAscii(out, sanitize(text)); // writeAscii keeps the low 8 bits of each char
    out.writeBytes(CRLF);
  }

  private static void simple(Reply.Simple s, ByteBuf out) {
    if (s == Reply.OK || "OK".equals(s.text())) {
      out.writeBytes(OK);
    } else if (s == Reply.PONG) {
      out.writeBytes(PONG);
    } else if (s == Reply.QUEUED) {
      out.writeBytes(QUEUED);
    } else {
      line('+', s.text(), out);
    }
  }

  private static void aggregate(char type, List<Reply> items, int resp, ByteBuf out) {
    if (type == '*' && items.isEmpty()) {
      out.writeBytes(EMPTY_ARRAY);
      return;
    }
    header(type, items.size(), out);
    for (Reply item : items) encode(item, resp, out);
  }

  private static void bulk(byte[] value, ByteBuf out) {
    out.ensureWritable(value.length + 16);
    header('$', value.length, out);
    out.writeBytes(value);
    out.writeBytes(CRLF);
  }

  private static void integer(long v, ByteBuf out) {
    if (v >= INT_CACHE_MIN && v <= INT_CACHE_MAX) {
      out.writeBytes(INTS[(int) v - INT_CACHE_MIN]);
    } else {
      header(':', v, out);
    }
  }

  private static void line(char type, String text, ByteBuf out) {
    out.writeByte(type);
    ByteBufUtil.writeUtf8(out, sanitize(text));
    out.writeBytes(CRLF);
  }

  private static String sanitize(String text) {
    if (text.indexOf('\r') < 0 && text.indexOf('\n') < 0) return text;
    return text.replace('\r', ' ').replace('\n', ' ');
  }

  private static void header(char type, long n, ByteBuf out) {
    out.writeByte(type);
    writeLong(n, out);
    out.writeBytes(CRLF);
  }

  /** Decimal digits of {@code v} without allocating. */
  static void writeLong(long v, ByteBuf out) {
    if (v == Long.MIN_VALUE) {
      ByteBufUtil.writeAscii(out, "-9223372036854775808");
      return;
    }
    if (v < 0) {
      out.writeByte('-');
      v = -v;
    }
    int digits = 1;
    for (long t = v; t >= 10; t /= 10) digits++;
    out.ensureWritable(digits);
    int at = out.writerIndex() + digits - 1;
    for (int i = 0; i < digits; i++) {
      out.setByte(at - i, (int) ('0' + v % 10));
      v /= 10;
    }
    out.writerIndex(out.writerIndex() + digits);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
