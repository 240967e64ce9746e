package io.kvstore.core.cmd.tx;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.Bytes;

/**
 * WATCH key [key ...] in the session's db. Each key remembers whether it was already logically
 * expired when watched: Redis 7.0 does not fail EXEC when such a key is later deleted by expiry
 * (no logical change), but does when a live watched key expires before EXEC. A session whose
 * watch already fired gains nothing from more keys.
 */
public final class Watch implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    ClientSession s = ctx.session();
    if (s.inMulti()) return Reply.error(Errors.WATCH_IN_MULTI);
    if (s.watchDirty()) return Reply.OK;
    var db = ctx.db();
    for (int i = 1; i < args.size(); i++) {
      Bytes key = Bytes.copyOf(args.get(i));
      ctx.node().watches().watch(s, s.db(), key, db.isWatchedKeyExpired(key));
    }
    return Reply.OK;
  }
}
