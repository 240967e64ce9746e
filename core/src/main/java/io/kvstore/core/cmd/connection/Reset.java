package io.kvstore.core.cmd.connection;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.Reply;

/**
 * RESET: returns the session to the state of a new connection (Redis clearClientConnectionState):
 * db 0, RESP2, default user (unauthenticated again when a password is required), no MULTI, no
 * watches, no subscriptions (dropped silently, without unsubscribe frames), no name. Replica
 * and master links cannot be reset.
 */
public final class Reset implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    ClientSession s = ctx.session();
    if (s.kind() != ClientSession.Kind.NORMAL) return Reply.error(Errors.RESET_NOT_NORMAL_CLIENT);
    s.select(0);
    s.setResp(2);
    s.setUser(Authenticator.DEFAULT_USER);
    s.setAuthenticated(Authenticator.noPasswordConfigured(ctx.node()));
    s.endMulti();
    ctx.node().watches().unwatchAll(s);
    ctx.node().pubsub().removeAll(s);
    s.setName("");
    return Reply.simple("RESET");
  }
}
