package io.kvstore.core.cmd.pubsub;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.Bytes;
import java.util.ArrayList;
import java.util.List;

/** PUBSUB CHANNELS [pattern]: channels with at least one subscriber, optionally glob-filtered. */
public final class PubsubChannels implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    if (args.size() > 3) return Reply.error(Errors.subcommandSyntax(args.str(1), args.str(0)));
    List<Reply> out = new ArrayList<>();
    for (Bytes c : ctx.node().pubsub().activeChannels(args.size() == 3 ? args.get(2) : null)) {
      out.add(new Reply.Bulk(c.bytes()));
    }
    return Reply.array(out);
  }
}
