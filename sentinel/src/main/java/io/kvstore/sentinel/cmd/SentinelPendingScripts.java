package io.kvstore.sentinel.cmd;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/** SENTINEL PENDING-SCRIPTS: always empty (kvstore's sentinel runs no scripts). */
final class SentinelPendingScripts implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    return Reply.EMPTY_ARRAY;
  }
}
