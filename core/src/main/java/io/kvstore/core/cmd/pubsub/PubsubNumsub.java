package io.kvstore.core.cmd.pubsub;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * PUBSUB NUMSUB [channel ...]: a flat channel, count, ... array (an array in RESP3 too, as in
 * Redis 7.0); pattern subscribers are not counted.
 */
public final class PubsubNumsub implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    List<Reply> out = new ArrayList<>((args.size() - 2) * 2);
    for (int i = 2; i < args.size(); i++) {
      out.add(Reply.bulk(args.get(i)));
      out.add(Reply.integer(ctx.node().pubsub().subscriberCount(Bytes.wrap(args.get(i)))));
    }
    return Reply.array(out);
  }
}
