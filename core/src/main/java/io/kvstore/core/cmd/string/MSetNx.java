package io.kvstore.core.cmd.string;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.keyspace.Keyspace;
import io.kvstore.core.reply.Reply;

/** MSETNX key value [key value ...]: all or nothing; 0 (and no effect) if any key exists. */
public final class MSetNx implements Command {
  @Override
  public Reply execute(Ctx ctx, Args a) {
    MultiSet.requirePairs(a);
    Keyspace db = ctx.db();
    for (int j = 1; j < a.size(); j += 2) {
      if (db.lookup(a.get(j)) != null) return Reply.ZERO;
    }
    MultiSet.setAll(ctx, a);
    return Reply.ONE;
  }
}
