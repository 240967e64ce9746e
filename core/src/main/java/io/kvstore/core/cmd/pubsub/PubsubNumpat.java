package io.kvstore.core.cmd.pubsub;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/** PUBSUB NUMPAT: the number of distinct patterns with at least one subscriber. */
public final class PubsubNumpat implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    return Reply.integer(ctx.node().pubsub().patternCount());
  }
}
