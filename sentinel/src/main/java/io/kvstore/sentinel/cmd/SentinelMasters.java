package io.kvstore.sentinel.cmd;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/** SENTINEL MASTERS: every monitored master's state. */
final class SentinelMasters implements Command {
  private final SentinelContext sc;

  SentinelMasters(SentinelContext sc) {
    this.sc = sc;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    return Replies.instances(sc.state(), sc.state().masters().values());
  }
}
