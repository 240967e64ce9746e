package io.kvstore.sentinel.cmd;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/** SENTINEL REMOVE name: stop monitoring a master (-monitor), saved at once. */
final class SentinelRemove implements Command {
  private final SentinelContext sc;

  SentinelRemove(SentinelContext sc) {
    this.sc = sc;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    sc.state().removeMaster(Replies.master(sc.state(), args.str(2)));
    return Replies.flushed(sc);
  }
}
