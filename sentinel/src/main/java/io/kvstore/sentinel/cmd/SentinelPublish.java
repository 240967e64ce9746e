package io.kvstore.sentinel.cmd;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.reply.Errors;

/**
 * PUBLISH on a sentinel: only hello messages from other sentinels, on __sentinel__:hello, which
 * are processed like those read from a monitored instance's channel.
 */
final class SentinelPublish implements Command {
  private final SentinelContext sc;

  SentinelPublish(SentinelContext sc) {
    this.sc = sc;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    if (!args.str(1).equals("__sentinel__:hello")) return Reply.error(Errors.SENTINEL_ONLY_HELLO);
    sc.state().processHello(args.str(2));
    return Reply.ONE;
  }
}
