package io.kvstore.sentinel.cmd;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.sentinel.Instance;

/**
 * SENTINEL FAILOVER name: fail over now without asking the other sentinels; refused while one
 * runs, or when no replica qualifies.
 */
final class SentinelFailover implements Command {
  private final SentinelContext sc;

  SentinelFailover(SentinelContext sc) {
    this.sc = sc;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    Instance m = Replies.master(sc.state(), args.str(2));
    if (m.failoverInProgress()) return Reply.error(Errors.SENTINEL_INPROG);
    if (sc.state().selectReplica(m) == null) return Reply.error(Errors.SENTINEL_NOGOODSLAVE);
    sc.state().forceFailover(m);
    return Reply.OK;
  }
}
