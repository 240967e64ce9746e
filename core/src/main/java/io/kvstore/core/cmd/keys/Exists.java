package io.kvstore.core.cmd.keys;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.keyspace.Keyspace;
import io.kvstore.core.reply.Reply;

/** EXISTS key [key ...]: how many of the named keys exist; a key named twice counts twice. */
public final class Exists implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    Keyspace db = ctx.db();
    long n = 0;
    for (int i = 1; i < args.size(); i++) {
      if (db.read(args.get(i)) != null) n++;
    }
    return Reply.integer(n);
  }
}
