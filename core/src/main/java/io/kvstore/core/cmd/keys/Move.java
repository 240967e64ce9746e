package io.kvstore.core.cmd.keys;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.keyspace.Keyspace;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.RedisException;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.StoredValue;

/**
 * MOVE key db: moves a key (with its TTL) to another database; 0 when it is missing here or
 * already exists there. The same database is {@code ERR source and destination objects are the
 * same}. Propagated as sent when the key moved.
 */
public final class Move implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    int target = KeyArgs.dbArg(ctx, args, 2);
    if (target == ctx.session().db()) throw new RedisException(Errors.SAME_OBJECT);
    Keyspace src = ctx.db();
    byte[] key = args.get(1);
    StoredValue v = src.lookup(key);
    if (v == null) return Reply.ZERO;
    Keyspace dst = ctx.db(target);
    if (dst.lookup(key) != null) return Reply.ZERO;
    dst.put(key, v);
    src.delete(key);
    ctx.propagate(KeyArgs.argvAs("MOVE", args));
    return Reply.ONE;
  }
}
