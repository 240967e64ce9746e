package io.kvstore.sentinel.cmd;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/** SENTINEL RESET pattern: forget replicas, sentinels and failover state of matching masters. */
final class SentinelReset implements Command {
  private final SentinelContext sc;

  SentinelReset(SentinelContext sc) {
    this.sc = sc;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    return Reply.integer(sc.state().resetByPattern(args.str(2)));
  }
}
