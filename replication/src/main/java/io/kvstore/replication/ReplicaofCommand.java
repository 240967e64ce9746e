package io.kvstore.replication;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.Reply;

/**
 * REPLICAOF host port / REPLICAOF NO ONE (and its old name SLAVEOF): follow a master, or stop
 * following one and become a master that keeps the inherited history as replid2. Asking for the
 * master already followed changes nothing ({@code +OK Already connected to specified master}).
 */
final class ReplicaofCommand implements Command {
  private final Replication r;

  ReplicaofCommand(Replication r) {
    this.r = r;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    ClientSession s = ctx.session();
    if (args.is(1, "no") && args.is(2, "one")) {
      if (r.isReplica()) r.unsetMaster("user request from '" + r.clientInfo(s, "replicaof") + "'");
      return Reply.OK;
    }
    if (s.kind() == ClientSession.Kind.REPLICA) return Reply.error(Errors.REPLICAOF_FROM_REPLICA);
    Long port = Args.tryParseLong(args.get(2));
    if (port == null || port < 0 || port > 65535) return Reply.error(Errors.INVALID_MASTER_PORT);
    String host = args.str(1);
    MasterLink link = r.link();
    if (link != null && link.host.equalsIgnoreCase(host) && link.port == port) {
      r.log().notice("REPLICAOF would result into synchronization with the master we are already "
          + "connected with. No operation performed.");
      return Reply.simple("OK Already connected to specified master");
    }
    r.becomeReplica(host, (int) (long) port, null, r.clientInfo(s, "replicaof"));
    return Reply.OK;
  }
}
