package io.kvstore.core.cmd.connection;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.engine.InfoSection;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.Reply;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * HELLO [protover [AUTH username password] [SETNAME clientname]]: the RESP3 handshake.
 *
 * <p>Options are applied in order as they are parsed, exactly like Redis 7.0: an AUTH that
 * succeeds stays in effect and a SETNAME stays applied even when a later option is a syntax
 * error or the session turns out to be unauthenticated. Only after all options does the
 * command require authentication, switch the protocol and answer with the server map. The
 * "role" entry follows the INFO replication section's role, so a replication module that
 * reports {@code role:slave} makes HELLO say "replica".
 */
public final class Hello implements Command {
  static final String REDIS_VERSION = "7.0.15";

  @Override
  public Reply execute(Ctx ctx, Args args) {
    ClientSession s = ctx.session();
    long version = 0;
    if (args.size() >= 2) {
      version = Args.parseLong(args.get(1), Errors.HELLO_PROTO_NOT_INTEGER);
      if (version < 2 || version > 3) return Reply.error(Errors.NO_PROTO);
    }
    for (int j = 2; j < args.size(); j++) {
      int more = args.size() - 1 - j;
      if (args.is(j, "AUTH") && more >= 2) {
        if (!Authenticator.authenticate(ctx.node(), s, args.get(j + 1), args.get(j + 2))) {
          return Reply.error(Errors.WRONGPASS);
        }
        j += 2;
      } else if (args.is(j, "SETNAME") && more >= 1) {
        byte[] name = args.get(j + 1);
        if (!Authenticator.validName(name)) return Reply.error(Errors.CLIENT_NAME_INVALID);
        s.setName(new String(name, StandardCharsets.UTF_8));
        j++;
      } else {
        return Reply.error(Errors.helloSyntax(args.str(j)));
      }
    }
    if (!s.authenticated()) return Reply.error(Errors.NOAUTH_HELLO);
    if (version != 0) s.setResp((int) version);
    return new Reply.MapReply(List.of(
        Reply.bulk("server"), Reply.bulk("redis"),
        Reply.bulk("version"), Reply.bulk(REDIS_VERSION),
        Reply.bulk("proto"), Reply.integer(s.resp()),
        Reply.bulk("id"), Reply.integer(s.id()),
        Reply.bulk("mode"), Reply.bulk("standalone"),
        Reply.bulk("role"), Reply.bulk(role(ctx)),
        Reply.bulk("modules"), Reply.EMPTY_ARRAY));
  }

  private static String role(Ctx ctx) {
    InfoSection replication = ctx.node().infoSections().get("replication");
    if (replication == null) return "master";
    return "slave".equals(replication.fields(ctx.node()).get("role")) ? "replica" : "master";
  }
}
