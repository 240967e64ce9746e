package io.kvstore.sentinel.link;

import io.kvstore.core.reply.Reply;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes RESP replies from a byte stream: RESP2 ({@code + - : $ *}) and the RESP3 types a
 * server may still send ({@code _ , # = > %}). Fed incrementally: {@link #decode} returns every
 * reply complete in the buffer and leaves a partial one unread. Lengths are bounded (512 MB
 * bulks, 1M-element aggregates, 64 KB lines, nesting depth 32); anything malformed throws
 * {@link IllegalStateException} and the connection must be dropped.
 */
public final class ReplyDecoder {
  static final long MAX_BULK = 512L * 1024 * 1024;
  static final int MAX_ELEMENTS = 1 << 20;
  static final int MAX_LINE = 64 * 1024;
  static final int MAX_DEPTH = 32;

  /** Parses complete replies from {@code in} into {@code out}; partial input stays in {@code in}. */
  public void decode(ByteBuf in, List<Reply> out) {
    while (in.isReadable()) {
      int start = in.readerIndex();
      Reply r = parse(in, 0);
      if (r == null) {
        in.readerIndex(start);
        return;
      }
      out.add(r);
    }
  }

  /** One reply, or null when more bytes are needed. */
  private Reply parse(ByteBuf in, int depth) {
    if (depth > MAX_DEPTH) throw new IllegalStateException("reply nested too deeply");
    String line = line(in);
    if (line == null) return null;
    if (line.isEmpty()) throw new IllegalStateException("empty reply line");
    char type = line.charAt(0);
    String rest = line.substring(1);
    switch (type) {
      case '+':
        return new Reply.Simple(rest);
      case '-':
        return new Reply.Error(rest);
      case ':':
        return Reply.integer(number(rest));
      case '_':
        return Reply.NULL;
      case '#':
        return new Reply.Bool(rest.equals("t"));
      case ',':
        try {
          return new Reply.DoubleReply(Double.parseDouble(rest.replace("inf", "Infinity")));
        } catch (NumberFormatException e) {
          throw new IllegalStateException("bad double " + rest);
        }
      case '$':
      case '=': {
        long len = number(rest);
        if (len < 0) return Reply.NULL;
        if (len > MAX_BULK) throw new IllegalStateException("bulk too long");
        if (in.readableBytes() < len + 2) return null;
        byte[] b = new byte[(int) len];
        in.readBytes(b);
        if (in.readByte() != '\r' || in.readByte() != '\n') {
          throw new IllegalStateException("bulk not terminated by CRLF");
        }
        if (type == '=') {
          String s = new String(b, StandardCharsets.UTF_8);
          return new Reply.Verbatim(s.length() >= 4 ? s.substring(0, 3) : "txt",
              s.length() >= 4 ? s.substring(4) : s);
        }
        return new Reply.Bulk(b);
      }
      case '*':
      case '>':
      case '%':
      case '~': {
        long n = number(rest);
        if (n < 0) return Reply.NULL_ARRAY;
        if (type == '%') n *= 2;
        if (n > MAX_ELEMENTS) throw new IllegalStateException("aggregate too long");
        List<Reply> items = new ArrayList<>((int) Math.min(n, 1024));
        for (long i = 0; i < n; i++) {
          Reply r = parse(in, depth + 1);
          if (r == null) return null;
          items.add(r);
        }
        if (type == '>') return new Reply.Push(items);
        if (type == '%') return new Reply.MapReply(items);
        return new Reply.Array(items);
      }
      default:
        throw new IllegalStateException("unknown reply type '" + type + "'");
    }
  }

  /** The next CRLF-terminated line without its CRLF, or null if incomplete. */
  private static String line(ByteBuf in) {
    int end = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
    if (end < 0) {
      if (in.readableBytes() > MAX_LINE) throw new IllegalStateException("reply line too long");
      return null;
    }
    int len = end - in.readerIndex();
    if (len > MAX_LINE) throw new IllegalStateException("reply line too long");
    if (len == 0 || in.getByte(end - 1) != '\r') throw new IllegalStateException("line not ended by CRLF");
    String s = in.toString(in.readerIndex(), len - 1, StandardCharsets.UTF_8);
    in.readerIndex(end + 1);
    return s;
  }

  private static long number(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("bad number '" + s + "'");
    }
  }
}
