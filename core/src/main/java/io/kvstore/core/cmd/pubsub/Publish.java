package io.kvstore.core.cmd.pubsub;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.Bytes;

/**
 * PUBLISH channel message: delivers to channel subscribers, then to matching pattern
 * subscribers, and answers the number of deliveries. Redis replicates PUBLISH so replicas'
 * subscribers get the message too; here that is the effect {@code PUBLISH channel message}.
 */
public final class Publish implements Command {
  private static final byte[] PUBLISH = Ctx.bytes("PUBLISH");

  @Override
  public Reply execute(Ctx ctx, Args args) {
    int receivers = ctx.node().pubsub().publish(Bytes.copyOf(args.get(1)), args.get(2));
    ctx.propagate(PUBLISH, args.get(1), args.get(2));
    return Reply.integer(receivers);
  }
}
