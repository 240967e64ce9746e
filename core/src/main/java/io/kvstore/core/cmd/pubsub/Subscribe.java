package io.kvstore.core.cmd.pubsub;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.pubsub.PubSub;
import io.kvstore.core.store.Bytes;
import io.kvstore.core.reply.Reply;

/**
 * SUBSCRIBE channel [channel ...]: one {@code subscribe} frame per argument, repeated channels
 * included (the count then stays the same).
 */
public final class Subscribe implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    ClientSession s = ctx.session();
    PubSub pubsub = ctx.node().pubsub();
    Frames frames = new Frames(ctx);
    for (int i = 1; i < args.size(); i++) {
      pubsub.subscribe(s, Bytes.copyOf(args.get(i)));
      frames.add("subscribe", args.get(i), s.subscriptionCount());
    }
    return frames.reply();
  }
}
