package io.kvstore.core.cmd.pubsub;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.pubsub.PubSub;
import io.kvstore.core.store.Bytes;
import io.kvstore.core.reply.Reply;
import java.util.List;

/**
 * PUNSUBSCRIBE [pattern ...]: the pattern twin of UNSUBSCRIBE, including the single
 * {@code punsubscribe nil count} frame when there was nothing to drop.
 */
public final class Punsubscribe implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    ClientSession s = ctx.session();
    PubSub pubsub = ctx.node().pubsub();
    Frames frames = new Frames(ctx);
    if (args.size() == 1) {
      for (Bytes pattern : List.copyOf(s.patterns())) {
        pubsub.punsubscribe(s, pattern);
        frames.add("punsubscribe", pattern.bytes(), s.subscriptionCount());
      }
      if (frames.isEmpty()) {
        frames.add("punsubscribe", null, s.subscriptionCount());
      }
    } else {
      for (int i = 1; i < args.size(); i++) {
        pubsub.punsubscribe(s, Bytes.wrap(args.get(i)));
        frames.add("punsubscribe", args.get(i), s.subscriptionCount());
      }
    }
    return frames.reply();
  }
}
