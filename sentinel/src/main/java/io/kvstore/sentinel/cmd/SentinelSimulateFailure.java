package io.kvstore.sentinel.cmd;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.reply.Errors;

/**
 * SENTINEL SIMULATE-FAILURE [CRASH-AFTER-ELECTION] [CRASH-AFTER-PROMOTION] [HELP]: make this
 * sentinel exit right after winning an election or after promoting a replica (testing aid).
 */
final class SentinelSimulateFailure implements Command {
  private final SentinelContext sc;

  SentinelSimulateFailure(SentinelContext sc) {
    this.sc = sc;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    long flags = 0;
    for (int j = 2; j < args.size(); j++) {
      if (args.is(j, "crash-after-election")) {
        flags |= 1;
      } else if (args.is(j, "crash-after-promotion")) {
        flags |= 2;
      } else if (args.is(j, "help")) {
        return Reply.array(Reply.bulk("crash-after-election"), Reply.bulk("crash-after-promotion"));
      } else {
        sc.state().setSimFailureFlags(0);
        return Reply.error(Errors.SENTINEL_UNKNOWN_SIMULATION);
      }
    }
    sc.state().setSimFailureFlags(flags);
    return Reply.OK;
  }
}
