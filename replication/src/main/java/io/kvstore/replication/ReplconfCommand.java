package io.kvstore.replication;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/**
 * REPLCONF option value [...]: what a replica announces before PSYNC (listening-port,
 * ip-address, capa eof/psync2), its {@code ACK <offset>} (never answered, ignored from a
 * connection that is not a replica) and {@code GETACK *} from a replica's master (answered
 * with an ACK on the link, not a reply).
 */
final class ReplconfCommand implements Command {
  private final Replication r;

  ReplconfCommand(Replication r) {
    this.r = r;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    return r.master().replconf(ctx.session(), args.raw());
  }
}
