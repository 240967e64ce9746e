package io.kvstore.core.cmd.connection;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;
import java.util.List;

/** PING [message]; in the RESP2 subscribed context it answers with a "pong" array. */
public final class Ping implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    if (args.size() > 2) {
      return Reply.error(io.kvstore.core.reply.Errors.wrongArity("ping"));
    }
    if (ctx.session().resp() == 2 && ctx.session().subscriptionCount() > 0) {
      return Reply.array(List.of(Reply.bulk("pong"),
          args.size() == 2 ? Reply.bulk(args.get(1)) : Reply.bulk("")));
    }
    return args.size() == 2 ? Reply.bulk(args.get(1)) : Reply.PONG;
  }
}
