package io.kvstore.sentinel.cmd;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/** SENTINEL MYID: this sentinel's 40-character id. */
final class SentinelMyid implements Command {
  private final SentinelContext sc;

  SentinelMyid(SentinelContext sc) {
    this.sc = sc;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    return Reply.bulk(sc.state().myid());
  }
}
