package io.kvstore.gateway.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A connection's query buffer: accumulates the bytes of each read after the unparsed tail of the
 * previous ones and runs the {@link RequestParser} over them. The buffer only ever holds bytes
 * that arrived (it grows by doubling with the data, never to a declared length), and is checked
 * against {@code client-query-buffer-limit} after every read, as Redis's readQueryFromClient does.
 *
 * <p>Owned by one I/O thread; not thread-safe.
 */
public final class RespDecoder {
  /** Why an {@link #offer} or {@link #resume} returned. */
  public enum Outcome {
    /** Parsed what was complete; waiting for more bytes. */
    NEED_MORE,
    /** The parser needs a current authentication state before going on (see RequestParser). */
    AUTH_CHECK,
    /** A malformed request; {@link #errorText()} is the reply. Nothing more will be parsed. */
    PROTOCOL_ERROR,
    /** The query buffer went over client-query-buffer-limit: close without a reply. */
    QUERY_BUFFER_LIMIT
  }

  private final ByteBufAllocator alloc;
  private final RequestParser parser;
  private final LongSupplier queryBufferLimit;
  private ByteBuf buffer;
  private String errorText;
  private boolean done;

  public RespDecoder(ByteBufAllocator alloc, RequestParser parser, LongSupplier queryBufferLimit) {
    this.alloc = alloc;
    this.parser = parser;
    this.queryBufferLimit = queryBufferLimit;
  }

  public RequestParser parser() {
    return parser;
  }

  /** Takes ownership of {@code in} (released here) and parses complete requests into {@code out}. */
  public Outcome offer(ByteBuf in, List<byte[][]> out) {
    Outcome held = hold(in);
    return held == Outcome.NEED_MORE ? parse(out) : held;
  }

  /**
   * Takes ownership of {@code in} and only buffers it (no parsing), for reads that arrive while
   * the connection waits for the engine; checks the query buffer limit.
   */
  public Outcome hold(ByteBuf in) {
    if (done) {
      in.release();
      return errorText != null ? Outcome.PROTOCOL_ERROR : Outcome.QUERY_BUFFER_LIMIT;
    }
    append(in);
    if (buffer.readableBytes() > queryBufferLimit.getAsLong()) {
      done = true;
      return Outcome.QUERY_BUFFER_LIMIT;
    }
    return Outcome.NEED_MORE;
  }

  /** Parses again what is buffered (after an {@link Outcome#AUTH_CHECK} was answered). */
  public Outcome resume(List<byte[][]> out) {
    if (done) return errorText != null ? Outcome.PROTOCOL_ERROR : Outcome.QUERY_BUFFER_LIMIT;
    if (buffer == null) return Outcome.NEED_MORE;
    return parse(out);
  }

  /** The protocol error reply text after {@link Outcome#PROTOCOL_ERROR}. */
  public String errorText() {
    return errorText;
  }

  /** Unparsed bytes currently held. */
  public int buffered() {
    return buffer == null ? 0 : buffer.readableBytes();
  }

  /** The first bytes of the query buffer, printable, for log lines. */
  public String preview(int max) {
    if (buffer == null) return "";
    StringBuilder sb = new StringBuilder();
    int end = Math.min(buffer.writerIndex(), buffer.readerIndex() + max);
    for (int i = buffer.readerIndex(); i < end; i++) {
      int c = buffer.getByte(i) & 0xff;
      if (c == '\\' || c == '"') sb.append('\\').append((char) c);
      else if (c >= 0x20 && c < 0x7f) sb.append((char) c);
      else sb.append(String.format("\\x%02x", c));
    }
    return sb.toString();
  }

  public void release() {
    done = true;
    if (buffer != null) {
      buffer.release();
      buffer = null;
    }
  }

  private Outcome parse(List<byte[][]> out) {
    try {
      RequestParser.Status s = parser.feed(buffer, out);
      trim();
      return s == RequestParser.Status.AUTH_CHECK ? Outcome.AUTH_CHECK : Outcome.NEED_MORE;
    } catch (ProtocolException e) {
      errorText = e.errorText();
      done = true;
      release();
      return Outcome.PROTOCOL_ERROR;
    }
  }

  private void append(ByteBuf in) {
    if (buffer == null) {
      buffer = in; // the common case: no tail left, parse the read buffer itself
      return;
    }
    int need = in.readableBytes();
    if (!buffer.isWritable(need) || buffer.refCnt() > 1 || buffer.isReadOnly()) {
      int size = buffer.readableBytes() + need;
      ByteBuf grown = alloc.buffer(alloc.calculateNewCapacity(size, Integer.MAX_VALUE));
      grown.writeBytes(buffer);
      buffer.release();
      buffer = grown;
    }
    buffer.writeBytes(in);
    in.release();
  }

  private void trim() {
    if (!buffer.isReadable()) {
      buffer.release();
      buffer = null;
    } else if (buffer.readerIndex() > buffer.capacity() / 2) {
      buffer.discardReadBytes();
    }
  }
}
