package io.kvstore.gateway.codec;

import io.kvstore.core.reply.Errors;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Incremental RESP request parser, following Redis's processInputBuffer: a request starting with
 * {@code *} is a multibulk ({@code *N\r\n} then N times {@code $len\r\n<len bytes>\r\n}),
 * anything else an inline line split like sdssplitargs.
 *
 * <p>It consumes complete elements from the buffer it is fed and leaves an incomplete element
 * unconsumed, so the caller keeps the unparsed tail and feeds it again with more bytes. Parsed
 * arguments of an unfinished multibulk are kept here; a bulk's bytes are only copied out once all
 * of them have arrived, so a client-declared length never causes an allocation by itself.
 *
 * <p>Redis details reproduced: header and inline lines are searched like C strings (a NUL byte
 * hides what follows); a header with no CR within 64 KB is an error; the two bytes after a bulk
 * and after a header's CR are skipped unchecked; counts follow string2ll (no sign, no leading
 * zero); a count of zero or less is an empty request; unauthenticated clients may not declare
 * more than 10 arguments or bulks over 16384 bytes.
 *
 * <p>Authentication can change between two pipelined commands (AUTH then a big request), so
 * when such a limit would apply while the client looks unauthenticated the parser stops with
 * {@link Status#AUTH_CHECK} before the header; the caller lets the engine run what was parsed,
 * refreshes the state, calls {@link #authStateConfirmed()} and feeds again.
 */
public final class RequestParser {
  /** Redis PROTO_INLINE_MAX_SIZE. */
  public static final int INLINE_MAX_SIZE = 64 * 1024;
  private static final int UNAUTH_MAX_ARGS = 10;
  private static final int UNAUTH_MAX_BULK = 16384;
  private static final int ARGV_INITIAL_MAX = 1024;
  private static final byte[][] NO_ARGS = new byte[0][];

  /** Why {@link #feed} returned. */
  public enum Status {
    /** Everything complete was parsed; the rest (if any) needs more bytes. */
    NEED_MORE,
    /** Stopped before a header whose limit depends on authentication; see the class comment. */
    AUTH_CHECK
  }

  private final LongSupplier maxBulkLen;
  private final BooleanSupplier authRequired;

  private long multibulkRemaining; // arguments still expected by the current multibulk, 0 = none
  private long bulkLen = -1; // declared length of the bulk being read, -1 = header not read
  private byte[][] args; // arguments of the current multibulk (argc of them so far)
  private int argc;
  private long partialArgBytes;
  private boolean authFresh;
  private int scanned; // readable bytes known to hold neither the searched byte nor NUL
  private boolean nulSeen;
  private ProtocolException failed;

  /**
   * @param maxBulkLen current {@code proto-max-bulk-len}
   * @param authRequired whether the client is (as far as known) not yet authenticated
   */
  public RequestParser(LongSupplier maxBulkLen, BooleanSupplier authRequired) {
    this.maxBulkLen = maxBulkLen;
    this.authRequired = authRequired;
  }

  /** A parser for a client that never needs authentication. */
  public RequestParser(LongSupplier maxBulkLen) {
    this(maxBulkLen, () -> false);
  }

  /** The authentication state just read is current: apply its limits at the next header. */
  public void authStateConfirmed() {
    authFresh = true;
  }

  /** Bytes of arguments already parsed for the unfinished multibulk. */
  public long partialArgBytes() {
    return partialArgBytes;
  }

  /** True between the header of a multibulk and its last argument. */
  public boolean midRequest() {
    return multibulkRemaining > 0;
  }

  /**
   * Parses every complete request in {@code in} into {@code out} (argument vectors, never empty),
   * consuming their bytes. After a {@link ProtocolException} the parser stays failed: the
   * commands added to {@code out} before it are valid and still to be run.
   */
  public Status feed(ByteBuf in, List<byte[][]> out) throws ProtocolException {
    if (failed != null) throw failed;
    try {
      return parse(in, out);
    } catch (ProtocolException e) {
      failed = e;
      throw e;
    }
  }

  private Status parse(ByteBuf in, List<byte[][]> out) throws ProtocolException {
    while (in.isReadable()) {
      if (multibulkRemaining == 0) {
        if (in.getByte(in.readerIndex()) == '*') {
          Status s = multibulkHeader(in);
          if (s != null) return s;
          if (multibulkRemaining == 0) continue; // "*0" / "*-1": empty request
        } else {
          if (!inline(in, out)) return Status.NEED_MORE;
          continue;
        }
      }
      while (multibulkRemaining > 0) {
        if (bulkLen < 0) {
          Status s = bulkHeader(in);
          if (s != null) return s;
        }
        if (in.readableBytes() < bulkLen + 2) return Status.NEED_MORE;
        byte[] arg = new byte[(int) bulkLen];
        in.readBytes(arg);
        consumeTo(in, in.readerIndex() + 2);
        if (argc == args.length) args = Arrays.copyOf(args, args.length * 2);
        args[argc++] = arg;
        partialArgBytes += arg.length;
        bulkLen = -1;
        multibulkRemaining--;
      }
      out.add(argc == args.length ? args : Arrays.copyOf(args, argc));
      args = null;
      partialArgBytes = 0;
      authFresh = false;
    }
    return Status.NEED_MORE;
  }

  /** Returns a status to stop with, or null when the header was consumed. */
  private Status multibulkHeader(ByteBuf in) throws ProtocolException {
    int start = in.readerIndex();
    int cr = indexOfBeforeNul(in, (byte) '\r');
    if (cr < 0) {
      if (in.readableBytes() > INLINE_MAX_SIZE) {
        throw new ProtocolException(Errors.PROTO_TOO_BIG_MBULK_COUNT);
      }
      return Status.NEED_MORE;
    }
    if (cr == in.writerIndex() - 1) return Status.NEED_MORE; // the byte after CR is not here yet
    long ll = string2ll(in, start + 1, cr);
    if (ll == INVALID || ll > Integer.MAX_VALUE) {
      throw new ProtocolException(Errors.PROTO_INVALID_MULTIBULK_LEN);
    }
    if (ll > UNAUTH_MAX_ARGS && authRequired.getAsBoolean()) {
      if (!authFresh) return Status.AUTH_CHECK;
      throw new ProtocolException(Errors.PROTO_UNAUTH_MULTIBULK_LEN);
    }
    consumeTo(in, cr + 2);
    if (ll <= 0) return null;
    multibulkRemaining = ll;
    bulkLen = -1;
    // sized for the declared count, up to a bound: a client-declared count alone never makes a
    // large allocation, the array grows with the arguments that do arrive
    args = new byte[(int) Math.min(ll, ARGV_INITIAL_MAX)][];
    argc = 0;
    partialArgBytes = 0;
    return null;
  }

  private Status bulkHeader(ByteBuf in) throws ProtocolException {
    int start = in.readerIndex();
    int cr = indexOfBeforeNul(in, (byte) '\r');
    if (cr < 0) {
      if (in.readableBytes() > INLINE_MAX_SIZE) {
        throw new ProtocolException(Errors.PROTO_TOO_BIG_BULK_COUNT);
      }
      return Status.NEED_MORE;
    }
    if (cr == in.writerIndex() - 1) return Status.NEED_MORE;
    byte first = in.getByte(start);
    if (first != '$') {
      throw new ProtocolException(Errors.protoExpectedDollar((char) (first & 0xff)));
    }
    long ll = string2ll(in, start + 1, cr);
    if (ll == INVALID || ll < 0 || ll > maxBulkLen.getAsLong()) {
      throw new ProtocolException(Errors.PROTO_INVALID_BULK_LEN);
    }
    if (ll > UNAUTH_MAX_BULK && authRequired.getAsBoolean()) {
      if (!authFresh) return Status.AUTH_CHECK;
      throw new ProtocolException(Errors.PROTO_UNAUTH_BULK_LEN);
    }
    consumeTo(in, cr + 2);
    bulkLen = ll;
    return null;
  }

  /** Parses one inline line; false when the line is not complete yet. */
  private boolean inline(ByteBuf in, List<byte[][]> out) throws ProtocolException {
    int start = in.readerIndex();
    int nl = indexOfBeforeNul(in, (byte) '\n');
    if (nl < 0) {
      if (in.readableBytes() > INLINE_MAX_SIZE) {
        throw new ProtocolException(Errors.PROTO_TOO_BIG_INLINE);
      }
      return false;
    }
    int end = nl;
    if (nl != start && in.getByte(nl - 1) == '\r') end--;
    byte[] line = new byte[end - start];
    in.getBytes(start, line);
    List<byte[]> argv = InlineSplitter.split(line);
    if (argv == null) throw new ProtocolException(Errors.PROTO_UNBALANCED_QUOTES);
    consumeTo(in, nl + 1);
    if (!argv.isEmpty()) {
      out.add(argv.toArray(NO_ARGS));
      authFresh = false;
    }
    return true;
  }

  /**
   * Index of the first {@code b} in the readable bytes, or -1 if absent or after a NUL. Bytes
   * already searched for the same element are not searched again, so a line trickling in byte
   * by byte costs linear time.
   */
  private int indexOfBeforeNul(ByteBuf in, byte b) {
    if (nulSeen) return -1;
    int from = in.readerIndex() + scanned;
    int len = in.writerIndex() - from;
    if (len <= 0) return -1;
    int i = in.forEachByte(from, len, c -> c != b && c != 0);
    if (i < 0) {
      scanned += len;
      return -1;
    }
    if (in.getByte(i) == 0) {
      nulSeen = true;
      return -1;
    }
    return i;
  }

  /** Consumes up to {@code index}; the search state then starts afresh. */
  private void consumeTo(ByteBuf in, int index) {
    in.readerIndex(index);
    scanned = 0;
    nulSeen = false;
  }

  private static final long INVALID = Long.MIN_VALUE;

  /**
   * Redis string2ll over {@code [from, to)}: optional '-', no '+', no leading zeros, fewer than
   * 21 chars, no overflow. Returns {@link #INVALID} on failure; a valid LLONG_MIN is returned as
   * LLONG_MIN + 1, which every caller treats the same way (as a negative count).
   */
  static long string2ll(ByteBuf in, int from, int to) {
    int len = to - from;
    if (len == 0 || len >= 21) return INVALID;
    if (len == 1 && in.getByte(from) == '0') return 0;
    int p = from;
    boolean negative = false;
    if (in.getByte(p) == '-') {
      negative = true;
      p++;
      if (p == to) return INVALID;
    }
    byte d = in.getByte(p);
    if (d < '1' || d > '9') return INVALID;
    long v = d - '0'; // accumulated as unsigned
    p++;
    while (p < to) {
      d = in.getByte(p);
      if (d < '0' || d > '9') return INVALID;
      if (Long.compareUnsigned(v, Long.divideUnsigned(-1L, 10)) > 0) return INVALID;
      v *= 10;
      if (Long.compareUnsigned(v, -1L - (d - '0')) > 0) return INVALID;
      v += d - '0';
      p++;
    }
    if (negative) {
      if (Long.compareUnsigned(v, Long.MIN_VALUE) > 0) return INVALID;
      return v == Long.MIN_VALUE ? Long.MIN_VALUE + 1 : -v;
    }
    if (Long.compareUnsigned(v, Long.MAX_VALUE) > 0) return INVALID;
    return v;
  }
}
