package io.kvstore.replication;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/**
 * PSYNC replid offset: continue from the backlog ({@code +CONTINUE}) or resynchronize fully
 * ({@code +FULLRESYNC} and a snapshot). The connection becomes a replica link either way.
 */
final class PsyncCommand implements Command {
  private final Replication r;

  PsyncCommand(Replication r) {
    this.r = r;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    return r.master().sync(ctx.session(), args.raw(), true);
  }
}
