package io.kvstore.sentinel.cmd;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.sentinel.Election;

/**
 * SENTINEL IS-MASTER-DOWN-BY-ADDR ip port current-epoch runid|*: whether we see that master
 * SDOWN, and (when a run id is given) our vote for the failover leader of that epoch.
 */
final class SentinelIsMasterDown implements Command {
  private final SentinelContext sc;

  SentinelIsMasterDown(SentinelContext sc) {
    this.sc = sc;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    long port = args.longArg(3);
    long epoch = args.longArg(4);
    Election.Answer a = sc.state().isMasterDownByAddr(args.str(2), (int) Math.max(-1, Math.min(port,
        Integer.MAX_VALUE)), epoch, args.str(5));
    return Reply.array(Reply.integer(a.down() ? 1 : 0), Reply.bulk(a.leader()),
        Reply.integer(a.leaderEpoch()));
  }
}
