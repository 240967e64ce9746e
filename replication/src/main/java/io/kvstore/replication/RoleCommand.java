package io.kvstore.replication;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;

/** ROLE: {@code master, offset, replicas} or {@code slave, host, port, state, offset}. */
final class RoleCommand implements Command {
  private final Replication r;

  RoleCommand(Replication r) {
    this.r = r;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    return r.role();
  }
}
