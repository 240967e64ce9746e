package io.kvstore.core.cmd.connection;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.Reply;
import java.nio.charset.StandardCharsets;

/**
 * AUTH [username] password. The one-argument form names the default user and, like Redis, is
 * an error when no password is configured at all. A failed attempt leaves an already
 * authenticated session authenticated.
 */
public final class Auth implements Command {
  private static final byte[] DEFAULT = Authenticator.DEFAULT_USER.getBytes(StandardCharsets.UTF_8);

  @Override
  public Reply execute(Ctx ctx, Args args) {
    if (args.size() > 3) return Reply.error(Errors.SYNTAX);
    byte[] user;
    byte[] password;
    if (args.size() == 2) {
      if (Authenticator.noPasswordConfigured(ctx.node())) {
        return Reply.error(Errors.AUTH_NOT_CONFIGURED);
      }
      user = DEFAULT;
      password = args.get(1);
    } else {
      user = args.get(1);
      password = args.get(2);
    }
    return Authenticator.authenticate(ctx.node(), ctx.session(), user, password)
        ? Reply.OK : Reply.error(Errors.WRONGPASS);
  }
}
