package io.kvstore.core.cmd.keys;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.engine.Node;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.Reply;

/**
 * SWAPDB index1 index2: exchanges two databases' contents; sessions stay on their index and so
 * see the other data. Watchers of keys present on either side are dirtied (see {@link DbWatch}).
 * Like Redis, a successful SWAPDB always propagates, even of a database with itself.
 */
public final class SwapDb implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    int a = KeyArgs.intArg(args, 1, Errors.SWAPDB_FIRST_INDEX);
    int b = KeyArgs.intArg(args, 2, Errors.SWAPDB_SECOND_INDEX);
    KeyArgs.checkDb(ctx, a);
    KeyArgs.checkDb(ctx, b);
    Node node = ctx.node();
    if (a != b) {
      DbWatch.emptied(node, a, b, ctx.now());
      DbWatch.emptied(node, b, a, ctx.now());
      node.store().swap(a, b);
    }
    node.stats().dirty++;
    ctx.propagate(KeyArgs.argvAs("SWAPDB", args));
    return Reply.OK;
  }
}
