package io.kvstore.core.cmd.keys;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.keyspace.Keyspace;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.RedisException;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.StoredValue;
import java.util.Arrays;

/**
 * COPY source destination [DB db] [REPLACE]: copies value and TTL, possibly into another
 * database; 0 when the source is missing or the destination exists without REPLACE. Options are
 * parsed (and DB checked) before anything else, as Redis does. Propagated as sent on success.
 */
public final class Copy implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    int srcDb = ctx.session().db();
    int dstDb = srcDb;
    boolean replace = false;
    for (int i = 3; i < args.size(); i++) {
      if (args.is(i, "REPLACE")) {
        replace = true;
      } else if (args.is(i, "DB") && i + 1 < args.size()) {
        dstDb = KeyArgs.dbArg(ctx, args, ++i);
      } else {
        throw new RedisException(Errors.SYNTAX);
      }
    }
    byte[] key = args.get(1);
    byte[] newKey = args.get(2);
    if (srcDb == dstDb && Arrays.equals(key, newKey)) throw new RedisException(Errors.SAME_OBJECT);

    StoredValue v = ctx.db().read(key);
    if (v == null) return Reply.ZERO;
    Keyspace dst = ctx.db(dstDb);
    if (dst.lookup(newKey) != null) {
      if (!replace) return Reply.ZERO;
      dst.delete(newKey);
    }
    dst.put(newKey, new StoredValue(v.type(), v.data().clone(), v.expireAt()));
    ctx.propagate(KeyArgs.argvAs("COPY", args));
    return Reply.ONE;
  }
}
