package io.kvstore.replication;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.replication.WaitTracker;

/**
 * WAIT numreplicas timeout: blocks until that many replicas acknowledged the client's last
 * write, or the timeout (ms, 0 = forever) passed, and answers with the count reached. Answers at
 * once when already enough, or inside MULTI. Blocking makes the master ask its replicas for an
 * ACK (one {@code REPLCONF GETACK *} per event-loop round, however many clients wait).
 */
final class WaitCommand implements Command {
  private final Replication r;

  WaitCommand(Replication r) {
    this.r = r;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    if (r.isReplica()) return Reply.error(Errors.WAIT_ON_REPLICA);
    Long num = Args.tryParseLong(args.get(1));
    if (num == null) return Reply.error(Errors.NOT_INTEGER);
    Long timeout = Args.tryParseLong(args.get(2));
    if (timeout == null) return Reply.error(Errors.TIMEOUT_NOT_INTEGER);
    if (timeout < 0) return Reply.error(Errors.TIMEOUT_NEGATIVE);
    ClientSession s = ctx.session();
    WaitTracker.Outcome o = r.waits().wait(s.id(), r.writeOffset(s), num, timeout, s.inMulti(),
        ctx.now());
    if (!o.blocked()) return Reply.integer(o.count());
    s.setBlocked(true);
    return Reply.NONE;
  }
}
