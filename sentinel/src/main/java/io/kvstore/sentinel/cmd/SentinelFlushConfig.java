package io.kvstore.sentinel.cmd;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/** SENTINEL FLUSHCONFIG: rewrite the config file now. */
final class SentinelFlushConfig implements Command {
  private final SentinelContext sc;

  SentinelFlushConfig(SentinelContext sc) {
    this.sc = sc;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    return Replies.flushed(sc);
  }
}
