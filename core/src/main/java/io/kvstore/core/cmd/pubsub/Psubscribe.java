package io.kvstore.core.cmd.pubsub;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.pubsub.PubSub;
import io.kvstore.core.store.Bytes;
import io.kvstore.core.reply.Reply;

/** PSUBSCRIBE pattern [pattern ...]: one {@code psubscribe} frame per argument. */
public final class Psubscribe implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    ClientSession s = ctx.session();
    PubSub pubsub = ctx.node().pubsub();
    Frames frames = new Frames(ctx);
    for (int i = 1; i < args.size(); i++) {
      pubsub.psubscribe(s, Bytes.copyOf(args.get(i)));
      frames.add("psubscribe", args.get(i), s.subscriptionCount());
    }
    return frames.reply();
  }
}
