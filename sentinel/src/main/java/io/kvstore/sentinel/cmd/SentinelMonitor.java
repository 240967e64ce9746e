package io.kvstore.sentinel.cmd;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.sentinel.SentinelState;

/** SENTINEL MONITOR name ip port quorum: start monitoring a master (+monitor), saved at once. */
final class SentinelMonitor implements Command {
  private final SentinelContext sc;

  SentinelMonitor(SentinelContext sc) {
    this.sc = sc;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    long quorum = args.longArg(5, Errors.SENTINEL_INVALID_QUORUM);
    long port = args.longArg(4, Errors.SENTINEL_INVALID_PORT);
    if (quorum <= 0) return Reply.error(Errors.SENTINEL_QUORUM_MIN);
    if (!sc.state().resolvable(args.str(3))) return Reply.error(Errors.SENTINEL_INVALID_ADDRESS);
    try {
      sc.state().monitorMaster(args.str(2), args.str(3), (int) port,
          (int) Math.min(quorum, Integer.MAX_VALUE));
    } catch (SentinelState.InstanceException e) {
      return Reply.error("ERR " + e.getMessage());
    }
    return Replies.flushed(sc);
  }
}
