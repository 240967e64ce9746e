package io.kvstore.core.cmd.keys;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.engine.Node;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.RedisException;
import io.kvstore.core.reply.Reply;

/**
 * FLUSHDB / FLUSHALL [ASYNC | SYNC]: empties the selected database (or all of them). Storage
 * frees the same way either way, so the option is only validated. Always propagated, even when
 * nothing was there, as Redis forces it.
 */
public final class Flush implements Command {
  private final boolean all;

  public Flush(boolean all) {
    this.all = all;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    if (args.size() > 2 || (args.size() == 2 && !args.is(1, "ASYNC") && !args.is(1, "SYNC"))) {
      throw new RedisException(Errors.SYNTAX);
    }
    Node node = ctx.node();
    if (all) {
      for (int db = 0; db < node.databases(); db++) flush(ctx, db);
    } else {
      flush(ctx, ctx.session().db());
    }
    ctx.propagate(KeyArgs.argvAs(all ? "FLUSHALL" : "FLUSHDB", args));
    return Reply.OK;
  }

  private static void flush(Ctx ctx, int db) {
    Node node = ctx.node();
    DbWatch.emptied(node, db, -1, ctx.now());
    node.stats().dirty += node.store().size(db);
    node.store().clear(db);
  }
}
