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
 * UNSUBSCRIBE [channel ...]. Named channels each get a frame whether or not the session was
 * subscribed; with no arguments every channel is dropped, and a session with no channel
 * subscriptions still gets one {@code unsubscribe nil count} frame (count includes patterns).
 */
public final class Unsubscribe implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    ClientSession s = ctx.session();
    PubSub pubsub = ctx.node().pubsub();
    Frames frames = new Frames(ctx);
    if (args.size() == 1) {
      for (Bytes channel : List.copyOf(s.channels())) {
        pubsub.unsubscribe(s, channel);
        frames.add("unsubscribe", channel.bytes(), s.subscriptionCount());
      }
      if (frames.isEmpty()) {
        frames.add("unsubscribe", null, s.subscriptionCount());
      }
    } else {
      for (int i = 1; i < args.size(); i++) {
        pubsub.unsubscribe(s, Bytes.wrap(args.get(i)));
        frames.add("unsubscribe", args.get(i), s.subscriptionCount());
      }
    }
    return frames.reply();
  }
}
