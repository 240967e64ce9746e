package io.kvstore.sentinel.cmd;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.sentinel.Election;

/** SENTINEL CKQUORUM name: whether enough sentinels are reachable to reach quorum and majority. */
final class SentinelCkquorum implements Command {
  private final SentinelContext sc;

  SentinelCkquorum(SentinelContext sc) {
    this.sc = sc;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    Election.Quorum q = sc.state().checkQuorum(Replies.master(sc.state(), args.str(2)));
    if (q.ok()) {
      return Reply.simple("OK " + q.usable()
          + " usable Sentinels. Quorum and failover authorization can be reached");
    }
    StringBuilder e = new StringBuilder("NOQUORUM ").append(q.usable()).append(" usable Sentinels. ");
    if (!q.quorumOk()) {
      e.append("Not enough available Sentinels to reach the specified quorum for this master");
    }
    if (!q.majorityOk()) {
      if (!q.quorumOk()) e.append(". ");
      e.append("Not enough available Sentinels to reach the majority and authorize a failover");
    }
    return Reply.error(e.toString());
  }
}
