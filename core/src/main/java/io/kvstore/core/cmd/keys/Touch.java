package io.kvstore.core.cmd.keys;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.keyspace.Keyspace;
import io.kvstore.core.reply.Reply;

/**
 * TOUCH key [key ...]: counts existing keys. Redis uses it to refresh access times for
 * eviction; the store keeps no access times, so only the count (and lazy expiry) remain.
 */
public final class Touch implements Command {
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
