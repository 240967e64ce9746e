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
 * RENAME / RENAMENX key newkey. A missing source is {@code ERR no such key} even when both names
 * are equal; renaming a key onto itself is a no-op answering OK (RENAMENX: 0). The TTL moves
 * with the value. The argv is propagated only when a key actually moved.
 */
public final class Rename implements Command {
  private final boolean nx;

  public Rename(boolean nx) {
    this.nx = nx;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    Keyspace db = ctx.db();
    byte[] src = args.get(1);
    byte[] dst = args.get(2);
    StoredValue v = db.lookup(src);
    if (v == null) throw new RedisException(Errors.NO_SUCH_KEY);
    if (Arrays.equals(src, dst)) return nx ? Reply.ZERO : Reply.OK;
    if (db.lookup(dst) != null) {
      if (nx) return Reply.ZERO;
      db.delete(dst);
    }
    db.put(dst, v);
    db.delete(src);
    ctx.propagate(KeyArgs.argvAs(nx ? "RENAMENX" : "RENAME", args));
    return nx ? Reply.ONE : Reply.OK;
  }
}
