package io.kvstore.core.cmd.string;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.keyspace.Keyspace;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.StoredValue;

/** GETSET key value: the old value (or nil), then a plain SET (TTL dropped), propagated as SET k v. */
public final class GetSet implements Command {
  @Override
  public Reply execute(Ctx ctx, Args a) {
    Keyspace db = ctx.db();
    byte[] old = db.readString(a.get(1));
    db.put(a.get(1), StoredValue.string(a.get(2), StoredValue.NO_EXPIRY));
    ctx.propagate(StringWrites.SET, a.get(1), a.get(2));
    return Reply.bulk(old);
  }
}
