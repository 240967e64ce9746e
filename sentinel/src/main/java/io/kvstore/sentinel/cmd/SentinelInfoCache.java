package io.kvstore.sentinel.cmd;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.sentinel.Instance;
import io.kvstore.core.sentinel.SentinelState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SENTINEL INFO-CACHE [name ...]: the last INFO text of each (named) master and its replicas,
 * with its age in milliseconds.
 */
final class SentinelInfoCache implements Command {
  private final SentinelContext sc;

  SentinelInfoCache(SentinelContext sc) {
    this.sc = sc;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    SentinelState st = sc.state();
    Map<String, Instance> selected = new LinkedHashMap<>();
    if (args.size() > 2) {
      for (int i = 2; i < args.size(); i++) {
        Instance m = st.master(args.str(i));
        if (m != null) selected.put(m.name(), m);
      }
    } else {
      selected.putAll(st.masters());
    }
    long now = ctx.now();
    List<Reply> out = new ArrayList<>();
    for (Instance m : selected.values()) {
      out.add(Reply.bulk(m.name()));
      List<Reply> infos = new ArrayList<>();
      infos.add(entry(now, m.infoRefresh(), m));
      for (Instance r : m.replicas().values()) infos.add(entry(now, m.infoRefresh(), r));
      out.add(Reply.array(infos));
    }
    return Reply.array(out);
  }

  /** Redis reports each replica's age only when the master ever had an INFO (kept as is). */
  private static Reply entry(long now, long masterRefresh, Instance ri) {
    return Reply.array(Reply.integer(masterRefresh != 0 ? now - ri.infoRefresh() : 0),
        ri.cachedInfo() == null ? Reply.NULL : Reply.bulk(ri.cachedInfo()));
  }
}
