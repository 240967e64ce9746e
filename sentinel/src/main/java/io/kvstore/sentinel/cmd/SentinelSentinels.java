package io.kvstore.sentinel.cmd;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/** SENTINEL SENTINELS name: the other sentinels known for the master. */
final class SentinelSentinels implements Command {
  private final SentinelContext sc;

  SentinelSentinels(SentinelContext sc) {
    this.sc = sc;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    return Replies.instances(sc.state(), Replies.master(sc.state(), args.str(2)).sentinels().values());
  }
}
