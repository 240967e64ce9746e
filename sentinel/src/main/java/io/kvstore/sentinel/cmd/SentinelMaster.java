package io.kvstore.sentinel.cmd;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/** SENTINEL MASTER name: one master's state. */
final class SentinelMaster implements Command {
  private final SentinelContext sc;

  SentinelMaster(SentinelContext sc) {
    this.sc = sc;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    return Replies.instance(sc.state(), Replies.master(sc.state(), args.str(2)));
  }
}
