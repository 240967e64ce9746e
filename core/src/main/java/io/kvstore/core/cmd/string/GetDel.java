package io.kvstore.core.cmd.string;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.keyspace.Keyspace;
import io.kvstore.core.reply.Reply;

/**
 * GETDEL key: the value, then the key is deleted and {@code DEL k} propagated ({@code UNLINK}
 * with lazyfree-lazy-user-del); a missing key changes nothing.
 */
public final class GetDel implements Command {
  @Override
  public Reply execute(Ctx ctx, Args a) {
    Keyspace db = ctx.db();
    byte[] value = db.readString(a.get(1));
    if (value != null && db.delete(a.get(1))) {
      ctx.propagate(StringWrites.deleteWord(ctx, "lazyfree-lazy-user-del"), a.get(1));
    }
    return Reply.bulk(value);
  }
}
