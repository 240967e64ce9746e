package io.kvstore.core.cmd.server;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.Reply;
import java.util.ArrayList;
import java.util.List;

/**
 * CLIENT KILL addr:port (old form: +OK or "No such client", may kill the caller) or
 * CLIENT KILL [ID id] [TYPE t] [ADDR a] [LADDR a] [USER u] [SKIPME yes|no] (new form: the number
 * killed; the caller is skipped unless SKIPME no).
 *
 * <p>A victim is marked killed and handed an empty output so the engine loop closes its
 * connection after this batch; a caller that kills itself gets its reply first, then is closed.
 */
public final class ClientKill implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    String addr = null;
    String laddr = null;
    String user = null;
    ClientLines.Type type = null;
    long id = 0;
    boolean skipme = true;
    boolean oldForm = args.size() == 3;
    if (oldForm) {
      addr = args.str(2);
      skipme = false;
    } else {
      for (int i = 2; i < args.size(); i += 2) {
        boolean more = args.size() > i + 1;
        if (args.is(i, "id") && more) {
          Long v = Args.tryParseLong(args.get(i + 1));
          if (v == null || v < 1) return Reply.error(Errors.CLIENT_ID_NOT_POSITIVE);
          id = v;
        } else if (args.is(i, "type") && more) {
          type = ClientLines.typeByName(args.str(i + 1));
          if (type == null) return Reply.error(Errors.unknownClientType(args.str(i + 1)));
        } else if (args.is(i, "addr") && more) {
          addr = args.str(i + 1);
        } else if (args.is(i, "laddr") && more) {
          laddr = args.str(i + 1);
        } else if (args.is(i, "user") && more) {
          user = args.str(i + 1);
          if (!knownUser(ctx, user)) return Reply.error(Errors.noSuchUser(user));
        } else if (args.is(i, "skipme") && more) {
          if (args.is(i + 1, "yes")) {
            skipme = true;
          } else if (args.is(i + 1, "no")) {
            skipme = false;
          } else {
            return Reply.error(Errors.SYNTAX);
          }
        } else {
          return Reply.error(Errors.SYNTAX);
        }
      }
    }
    ClientSession me = ctx.session();
    List<ClientSession> victims = new ArrayList<>();
    for (ClientSession c : ctx.node().clients().all()) {
      if (c.killed()) continue;
      if (addr != null && !addr.equals(c.connection().remoteAddress())) continue;
      if (laddr != null && !laddr.equals(c.connection().localAddress())) continue;
      if (type != null && ClientLines.typeOf(c) != type) continue;
      if (id != 0 && c.id() != id) continue;
      if (user != null && !user.equals(c.user())) continue;
      if (c == me && skipme) continue;
      victims.add(c);
    }
    for (ClientSession v : victims) {
      if (v == me) {
        me.setCloseAfterReply();
      } else {
        v.kill();
        ctx.node().deliver(v, Reply.NONE);
      }
    }
    if (oldForm) return victims.isEmpty() ? Reply.error(Errors.NO_SUCH_CLIENT) : Reply.OK;
    return Reply.integer(victims.size());
  }

  /** Without ACL users, the known users are "default" and whoever a connection is logged in as. */
  private static boolean knownUser(Ctx ctx, String user) {
    if (user.equals("default")) return true;
    for (ClientSession c : ctx.node().clients().all()) {
      if (user.equals(c.user())) return true;
    }
    return false;
  }
}
