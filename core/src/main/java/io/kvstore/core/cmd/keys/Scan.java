package io.kvstore.core.cmd.keys;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.keyspace.Keyspace;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.RedisException;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.StoredValue;
import io.kvstore.core.util.Glob;
import java.util.ArrayList;
import java.util.List;

/**
 * SCAN cursor [MATCH pattern] [COUNT count] [TYPE type].
 *
 * <p>The store is ordered by key, so a page is "the next COUNT keys after the last one
 * returned"; the numeric cursor handed to the client names that last key in the node's cursor
 * table. Like Redis, COUNT bounds the keys examined, not returned: MATCH, TYPE and expiry filter
 * the page afterwards, so a page may come back empty with a non-zero cursor. Expired keys met on
 * the way are deleted on a master (propagating DEL), as Redis's expireIfNeeded does. Cursor
 * syntax follows strtoul: optional sign, decimal digits, at most 2^64-1, no leading space, and
 * an empty string is cursor 0.
 */
public final class Scan implements Command {
  private static final long MAX_DIV_10 = Long.divideUnsigned(-1L, 10);
  private static final long MAX_MOD_10 = Long.remainderUnsigned(-1L, 10);

  @Override
  public Reply execute(Ctx ctx, Args args) {
    long cursor = parseCursor(args.get(1));
    long count = 10;
    byte[] pattern = null;
    String type = null;
    for (int i = 2; i < args.size(); i += 2) {
      boolean hasValue = i + 1 < args.size();
      if (args.is(i, "COUNT") && hasValue) {
        count = args.longArg(i + 1);
        if (count < 1) throw new RedisException(Errors.SYNTAX);
      } else if (args.is(i, "MATCH") && hasValue) {
        byte[] p = args.get(i + 1);
        pattern = p.length == 1 && p[0] == '*' ? null : p;
      } else if (args.is(i, "TYPE") && hasValue) {
        type = args.str(i + 1);
      } else {
        throw new RedisException(Errors.SYNTAX);
      }
    }

    int dbIndex = ctx.session().db();
    Keyspace db = ctx.db();
    byte[] after = ctx.node().scanCursors().resume(dbIndex, cursor);
    int limit = (int) Math.min(count, Integer.MAX_VALUE - 1);
    List<byte[]> page = db.keysAfter(after, limit + 1);
    boolean more = page.size() > limit;
    if (more) page = page.subList(0, limit);

    List<Reply> keys = new ArrayList<>();
    for (byte[] key : page) {
      if (pattern != null && !Glob.matches(pattern, key, false)) continue;
      StoredValue v = type != null ? db.read(key) : db.lookup(key);
      if (v == null) continue;
      if (type != null && !type.equalsIgnoreCase(v.type().typeName())) continue;
      keys.add(Reply.bulk(key));
    }
    long next = more ? ctx.node().scanCursors().save(dbIndex, page.get(page.size() - 1)) : 0;
    return Reply.array(Reply.bulk(Long.toUnsignedString(next)), Reply.array(keys));
  }

  /** strtoul-compatible parse; the value is returned as the bits of an unsigned long. */
  static long parseCursor(byte[] b) {
    int i = 0;
    boolean negative = false;
    if (b.length == 0) return 0;
    if (b[0] == '+' || b[0] == '-') {
      negative = b[0] == '-';
      i = 1;
    }
    if (i == b.length) throw new RedisException(Errors.INVALID_CURSOR);
    long v = 0;
    for (; i < b.length; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) throw new RedisException(Errors.INVALID_CURSOR);
      int c = Long.compareUnsigned(v, MAX_DIV_10);
      if (c > 0 || (c == 0 && d > MAX_MOD_10)) throw new RedisException(Errors.INVALID_CURSOR);
      v = v * 10 + d;
    }
    return negative ? -v : v;
  }
}
