package io.kvstore.core.cmd.string;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.RedisException;

/**
 * The option grammar SET and GETEX share (Redis's {@code parseExtendedStringArgumentsOrReply}),
 * the expiry-argument arithmetic, and the proto-max-bulk-len check of APPEND and SETRANGE.
 *
 * <p>Each keyword is accepted only if no conflicting keyword came before it, so {@code EX 1 PX 1}
 * and {@code KEEPTTL EX 1} are syntax errors while a repeated {@code EX 1 EX 2} is not (the last
 * one wins). The expiry value is validated after the whole line parsed, so a syntax error
 * anywhere wins over a bad number.
 */
final class StringOptions {
  static final int NX = 1;
  static final int XX = 1 << 1;
  static final int EX = 1 << 2;
  static final int PX = 1 << 3;
  static final int KEEPTTL = 1 << 4;
  static final int GET = 1 << 5;
  static final int EXAT = 1 << 6;
  static final int PXAT = 1 << 7;
  static final int PERSIST = 1 << 8;
  static final int ANY_EXPIRE = EX | PX | EXAT | PXAT;

  /** Parsed flags and the argv index of the expiry value (-1 when none). */
  int flags;
  int expireIndex = -1;

  private StringOptions() {}

  boolean has(int flag) {
    return (flags & flag) != 0;
  }

  boolean hasExpire() {
    return expireIndex >= 0;
  }

  /** Options of {@code SET key value [...]}, from argv index 3. */
  static StringOptions forSet(Args a) {
    return parse(a, 3, true);
  }

  /** Options of {@code GETEX key [...]}, from argv index 2. */
  static StringOptions forGetEx(Args a) {
    return parse(a, 2, false);
  }

  private static StringOptions parse(Args a, int from, boolean set) {
    StringOptions o = new StringOptions();
    for (int j = from; j < a.size(); j++) {
      boolean hasNext = j < a.size() - 1;
      int f = o.flags;
      if (set && a.is(j, "NX") && (f & XX) == 0) {
        o.flags |= NX;
      } else if (set && a.is(j, "XX") && (f & NX) == 0) {
        o.flags |= XX;
      } else if (set && a.is(j, "GET")) {
        o.flags |= GET;
      } else if (set && a.is(j, "KEEPTTL") && (f & (PERSIST | ANY_EXPIRE)) == 0) {
        o.flags |= KEEPTTL;
      } else if (!set && a.is(j, "PERSIST") && (f & (ANY_EXPIRE | KEEPTTL)) == 0) {
        o.flags |= PERSIST;
      } else if (hasNext && a.is(j, "EX") && (f & (KEEPTTL | PERSIST | EXAT | PX | PXAT)) == 0) {
        o.flags |= EX;
        o.expireIndex = ++j;
      } else if (hasNext && a.is(j, "PX") && (f & (KEEPTTL | PERSIST | EX | EXAT | PXAT)) == 0) {
        o.flags |= PX;
        o.expireIndex = ++j;
      } else if (hasNext && a.is(j, "EXAT") && (f & (KEEPTTL | PERSIST | EX | PX | PXAT)) == 0) {
        o.flags |= EXAT;
        o.expireIndex = ++j;
      } else if (hasNext && a.is(j, "PXAT") && (f & (KEEPTTL | PERSIST | EX | EXAT | PX)) == 0) {
        o.flags |= PXAT;
        o.expireIndex = ++j;
      } else {
        throw new RedisException(Errors.SYNTAX);
      }
    }
    return o;
  }

  /** The absolute unix-ms expiry these options ask for (validated, see {@link #expireAt}). */
  long expireAt(Ctx ctx, Args a, String command) {
    boolean seconds = has(EX) || has(EXAT);
    boolean relative = has(EX) || has(PX);
    return expireAt(ctx, a.get(expireIndex), seconds, relative, command);
  }

  /**
   * Redis {@code getExpireMillisecondsOrReply}: an integer, positive, not overflowing once
   * converted to ms and (for relative forms) added to the command's time.
   */
  static long expireAt(Ctx ctx, byte[] arg, boolean seconds, boolean relative, String command) {
    long v = Args.parseLong(arg, Errors.NOT_INTEGER);
    if (v <= 0 || (seconds && v > Long.MAX_VALUE / 1000)) {
      throw new RedisException(Errors.invalidExpire(command));
    }
    if (seconds) v *= 1000;
    if (relative) v += ctx.now(); // wraps negative on overflow, as in C
    if (v <= 0) throw new RedisException(Errors.invalidExpire(command));
    return v;
  }

  /**
   * Redis {@code checkStringLength}: the result of growing a string of {@code size} bytes by
   * {@code append} must stay within proto-max-bulk-len (the master's stream is exempt). Java
   * arrays add their own ceiling just under 2 GiB.
   */
  static void checkStringLength(Ctx ctx, long size, long append) {
    long total = size + append;
    boolean overflow = total < size || total < append;
    boolean exempt = ctx.session().kind() == ClientSession.Kind.MASTER;
    if (overflow || total > MAX_ARRAY
        || (!exempt && total > ctx.node().config().getLong("proto-max-bulk-len"))) {
      throw new RedisException(Errors.STRING_TOO_LONG);
    }
  }

  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
}
