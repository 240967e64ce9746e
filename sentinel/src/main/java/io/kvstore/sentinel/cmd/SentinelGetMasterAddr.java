package io.kvstore.sentinel.cmd;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.sentinel.Addr;
import io.kvstore.core.sentinel.Instance;

/**
 * SENTINEL GET-MASTER-ADDR-BY-NAME name: [ip, port] of the current master — the promoted
 * replica's once a failover reached the reconfiguration phase — or a null array.
 */
final class SentinelGetMasterAddr implements Command {
  private final SentinelContext sc;

  SentinelGetMasterAddr(SentinelContext sc) {
    this.sc = sc;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    Instance m = sc.state().master(args.str(2));
    if (m == null) return Reply.NULL_ARRAY;
    Addr a = sc.state().currentMasterAddress(m);
    return Reply.array(Reply.bulk(a.announce(sc.state().announceHostnames())),
        Reply.bulk(Integer.toString(a.port())));
  }
}
