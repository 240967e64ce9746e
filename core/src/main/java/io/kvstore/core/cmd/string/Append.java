package io.kvstore.core.cmd.string;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.keyspace.Keyspace;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.StoredValue;

/**
 * APPEND key value: creates the key (no TTL) or grows it keeping its TTL; answers the new
 * length. Growth beyond proto-max-bulk-len is refused (creation is not checked, as in Redis).
 */
public final class Append implements Command {
  @Override
  public Reply execute(Ctx ctx, Args a) {
    Keyspace db = ctx.db();
    byte[] key = a.get(1);
    byte[] add = a.get(2);
    StoredValue v = db.lookup(key);
    byte[] result;
    if (v == null) {
      result = add;
      db.put(key, StoredValue.string(result, StoredValue.NO_EXPIRY));
    } else {
      Keyspace.requireString(v);
      byte[] old = v.data();
      StringOptions.checkStringLength(ctx, old.length, add.length);
      result = new byte[old.length + add.length];
      System.arraycopy(old, 0, result, 0, old.length);
      System.arraycopy(add, 0, result, old.length, add.length);
      db.put(key, v.withData(result));
    }
    ctx.propagate(a.raw());
    return Reply.integer(result.length);
  }
}
