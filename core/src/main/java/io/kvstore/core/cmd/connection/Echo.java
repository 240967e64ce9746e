package io.kvstore.core.cmd.connection;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/** ECHO message: the argument back as a bulk string. */
public final class Echo implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    return Reply.bulk(args.get(1));
  }
}
