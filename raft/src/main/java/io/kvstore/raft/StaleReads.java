package io.kvstore.raft;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/**
 * READONLY / READWRITE: as on a Redis Cluster replica, READONLY lets this connection's reads be
 * served from the node's own data at once, possibly stale, skipping the read round;
 * READWRITE goes back to linearizable reads. Writes are unaffected.
 */
final class StaleReads implements Command {
  private final boolean stale;

  StaleReads(boolean stale) {
    this.stale = stale;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    ctx.session().setStaleReads(stale);
    return Reply.OK;
  }
}
