package io.kvstore.core.cmd.string;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.keyspace.Keyspace;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.RedisException;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.StoredValue;

/**
 * SETRANGE key offset value: overwrites from {@code offset}, zero-padding as needed, keeping the
 * TTL; answers the new length. An empty value writes nothing (and creates no key) but still
 * answers the current length. The result must fit proto-max-bulk-len.
 */
public final class SetRange implements Command {
  @Override
  public Reply execute(Ctx ctx, Args a) {
    long offset = a.longArg(2);
    if (offset < 0) throw new RedisException(Errors.OFFSET_OUT_OF_RANGE);
    byte[] key = a.get(1);
    byte[] value = a.get(3);
    Keyspace db = ctx.db();
    StoredValue v = db.lookup(key);
    if (v != null) Keyspace.requireString(v);
    byte[] old = v == null ? new byte[0] : v.data();
    if (value.length == 0) return Reply.integer(old.length);
    StringOptions.checkStringLength(ctx, offset, value.length);
    int needed = (int) Math.max(old.length, offset + value.length);
    byte[] result = java.util.Arrays.copyOf(old, needed);
    System.arraycopy(value, 0, result, (int) offset, value.length);
    db.put(key, v == null ? StoredValue.string(result, StoredValue.NO_EXPIRY) : v.withData(result));
    ctx.propagate(a.raw());
    return Reply.integer(result.length);
  }
}
