package io.kvstore.replication;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/**
 * SYNC: the pre-PSYNC protocol (redis-cli --replica, old replicas): a full resync without the
 * {@code +FULLRESYNC} line, whose replica is not expected to send ACKs.
 */
final class SyncCommand implements Command {
  private final Replication r;

  SyncCommand(Replication r) {
    this.r = r;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    return r.master().sync(ctx.session(), args.raw(), false);
  }
}
