package io.kvstore.core.cmd.keys;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.keyspace.Keyspace;
import io.kvstore.core.reply.Reply;

/**
 * DEL / UNLINK key [key ...]: the number of keys removed. A key that was logically expired is
 * deleted by expiry (its own {@code DEL k} effect) and not counted. Like Redis, the command's
 * argv is propagated as sent, and only when at least one key was removed. Storage frees values
 * the same way for both, so UNLINK differs only in its name.
 */
public final class Del implements Command {
  private final String name;

  public Del(String name) {
    this.name = name;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    Keyspace db = ctx.db();
    long deleted = 0;
    for (int i = 1; i < args.size(); i++) {
      if (db.delete(args.get(i))) deleted++;
    }
    if (deleted > 0) ctx.propagate(KeyArgs.argvAs(name, args));
    return Reply.integer(deleted);
  }
}
