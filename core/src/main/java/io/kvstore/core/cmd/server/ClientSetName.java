package io.kvstore.core.cmd.server;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.Reply;
import java.nio.charset.StandardCharsets;

/**
 * CLIENT SETNAME name: printable ASCII without spaces (so CLIENT LIST stays splittable by
 * spaces); an empty name removes the name.
 */
public final class ClientSetName implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    byte[] name = args.get(2);
    for (byte b : name) {
      if (b < '!' || b > '~') return Reply.error(Errors.CLIENT_NAME_INVALID);
    }
    ctx.session().setName(new String(name, StandardCharsets.US_ASCII));
    return Reply.OK;
  }
}
