package io.kvstore.core.cmd.string;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.keyspace.Keyspace;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.RedisException;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.StoredValue;

/**
 * The integer counter INCR, DECR, INCRBY and DECRBY share (Redis's {@code incrDecrCommand}): a
 * missing key counts as 0, the stored value must be a canonical 64-bit integer, the result must
 * not overflow, and the key keeps its TTL. Propagated as sent.
 */
final class Counter {
  private Counter() {}

  static Reply incrBy(Ctx ctx, Args a, long incr) {
    byte[] key = a.get(1);
    Keyspace db = ctx.db();
    StoredValue v = db.lookup(key);
    long value = 0;
    if (v != null) {
      Keyspace.requireString(v);
      value = Args.parseLong(v.data(), Errors.NOT_INTEGER);
    }
    if ((incr < 0 && value < 0 && incr < Long.MIN_VALUE - value)
        || (incr > 0 && value > 0 && incr > Long.MAX_VALUE - value)) {
      throw new RedisException(Errors.OVERFLOW);
    }
    value += incr;
    byte[] data = Ctx.bytes(Long.toString(value));
    db.put(key, v == null ? StoredValue.string(data, StoredValue.NO_EXPIRY) : v.withData(data));
    ctx.propagate(a.raw());
    return Reply.integer(value);
  }
}
