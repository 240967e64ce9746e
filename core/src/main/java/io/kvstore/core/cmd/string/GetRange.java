package io.kvstore.core.cmd.string;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;
import java.util.Arrays;

/**
 * GETRANGE key start end (also SUBSTR): the inclusive byte range, negative indexes counting from
 * the end, clamped to the string; an empty string when the range is empty or the key missing.
 * Both indexes are parsed before the key is looked up, as in Redis.
 */
public final class GetRange implements Command {
  private static final Reply EMPTY = Reply.bulk(new byte[0]);

  @Override
  public Reply execute(Ctx ctx, Args a) {
    long start = a.longArg(2);
    long end = a.longArg(3);
    byte[] v = ctx.db().readString(a.get(1));
    if (v == null) return EMPTY;
    long len = v.length;
    if (start < 0 && end < 0 && start > end) return EMPTY;
    if (start < 0) start = len + start;
    if (end < 0) end = len + end;
    if (start < 0) start = 0;
    if (end < 0) end = 0;
    if (end >= len) end = len - 1;
    if (start > end || len == 0) return EMPTY;
    return Reply.bulk(Arrays.copyOfRange(v, (int) start, (int) end + 1));
  }
}
