package io.kvstore.sentinel.cmd;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.sentinel.Instance;
import io.kvstore.core.sentinel.MasterSettings;
import java.util.ArrayList;
import java.util.List;

/** SENTINEL SET name option value [...]: change per-master options, saved at once. */
final class SentinelSet implements Command {
  private final SentinelContext sc;

  SentinelSet(SentinelContext sc) {
    this.sc = sc;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    Instance m = Replies.master(sc.state(), args.str(2));
    List<String> rest = new ArrayList<>();
    for (int i = 3; i < args.size(); i++) rest.add(args.str(i));
    MasterSettings.Result r = MasterSettings.set(sc.state(), m, rest);
    if (r.error() != null) {
      if (r.changes() > 0) sc.flushConfig();
      return Reply.error(r.error());
    }
    return Replies.flushed(sc);
  }
}
