package io.kvstore.core.cmd.server;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/** TIME: [unix seconds, microseconds] as bulk strings, from the node's clock. */
public final class Time implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    long ms = ctx.now();
    return Reply.array(Reply.bulk(Long.toString(Math.floorDiv(ms, 1000))),
        Reply.bulk(Long.toString(Math.floorMod(ms, 1000) * 1000)));
  }
}
