package io.kvstore.sentinel.cmd;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/** SENTINEL REPLICAS|SLAVES name: the master's known replicas (announced ones). */
final class SentinelReplicas implements Command {
  private final SentinelContext sc;

  SentinelReplicas(SentinelContext sc) {
    this.sc = sc;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    return Replies.instances(sc.state(), Replies.master(sc.state(), args.str(2)).replicas().values());
  }
}
