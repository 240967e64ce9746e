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
 * INCRBYFLOAT key increment: extended-precision addition with Redis's human formatting (see
 * {@link ExtendedFloat}), keeping the TTL. Always propagated as {@code SET k <result> KEEPTTL}
 * so replicas store the very same string rather than recomputing it.
 */
public final class IncrByFloat implements Command {
  @Override
  public Reply execute(Ctx ctx, Args a) {
    byte[] key = a.get(1);
    Keyspace db = ctx.db();
    StoredValue v = db.lookup(key);
    ExtendedFloat.Value value;
    if (v == null) {
      value = ExtendedFloat.parse(new byte[] {'0'});
    } else {
      Keyspace.requireString(v);
      value = parse(v.data());
    }
    ExtendedFloat.Value incr = parse(a.get(2));
    ExtendedFloat.Value sum = ExtendedFloat.add(value, incr);
    if (sum == null || !sum.isFinite()) throw new RedisException(Errors.INCR_NAN_OR_INF);
    byte[] data = Ctx.bytes(ExtendedFloat.format(sum));
    db.put(key, v == null ? StoredValue.string(data, StoredValue.NO_EXPIRY) : v.withData(data));
    ctx.propagate(StringWrites.SET, key, data, StringWrites.KEEPTTL);
    return Reply.bulk(data);
  }

  private static ExtendedFloat.Value parse(byte[] b) {
    ExtendedFloat.Value v = ExtendedFloat.parse(b);
    if (v == null) throw new RedisException(Errors.NOT_FLOAT);
    return v;
  }
}
