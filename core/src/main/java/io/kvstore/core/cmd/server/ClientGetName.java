package io.kvstore.core.cmd.server;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/** CLIENT GETNAME: the name set by CLIENT SETNAME / HELLO SETNAME, or null. */
public final class ClientGetName implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    String name = ctx.session().name();
    return name.isEmpty() ? Reply.NULL : Reply.bulk(name);
  }
}
