package io.kvstore.core.cmd.server;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.Reply;

/**
 * CLIENT LIST [TYPE normal|master|replica|pubsub] | [ID id ...]: one Redis 7.0 line per
 * connection, in connection order. Connections already killed (waiting for their socket to
 * close) are gone, as they are in Redis.
 */
public final class ClientList implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    StringBuilder out = new StringBuilder();
    if (args.size() == 4 && args.is(2, "type")) {
      ClientLines.Type type = ClientLines.typeByName(args.str(3));
      if (type == null) return Reply.error(Errors.unknownClientType(args.str(3)));
      for (ClientSession s : ctx.node().clients().all()) {
        if (!s.killed() && ClientLines.typeOf(s) == type) append(out, ctx, s, args);
      }
    } else if (args.size() > 3 && args.is(2, "id")) {
      for (int i = 3; i < args.size(); i++) {
        long id = Args.parseLong(args.get(i), Errors.INVALID_CLIENT_ID);
        ClientSession s = ctx.node().clients().get(id);
        if (s != null && !s.killed()) append(out, ctx, s, args);
      }
    } else if (args.size() != 2) {
      return Reply.error(Errors.SYNTAX);
    } else {
      for (ClientSession s : ctx.node().clients().all()) {
        if (!s.killed()) append(out, ctx, s, args);
      }
    }
    return new Reply.Verbatim("txt", out.toString());
  }

  private static void append(StringBuilder out, Ctx ctx, ClientSession s, Args args) {
    out.append(ClientLines.line(ctx, s, args, "client|list")).append('\n');
  }
}
