package io.kvstore.core.cmd.server;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.Reply;

/**
 * CLIENT NO-EVICT on|off: accepted like Redis; kvstore never evicts clients for memory, so
 * every connection already behaves as protected.
 */
public final class ClientNoEvict implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    if (args.is(2, "on") || args.is(2, "off")) return Reply.OK;
    return Reply.error(Errors.SYNTAX);
  }
}
