package io.kvstore.sentinel.cmd;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;
import java.util.ArrayList;
import java.util.List;

/** ROLE on a sentinel: ["sentinel", [monitored master names]]. */
final class SentinelRole implements Command {
  private final SentinelContext sc;

  SentinelRole(SentinelContext sc) {
    this.sc = sc;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    List<Reply> names = new ArrayList<>();
    for (String n : sc.state().masters().keySet()) names.add(Reply.bulk(n));
    return Reply.array(Reply.bulk("sentinel"), Reply.array(names));
  }
}
