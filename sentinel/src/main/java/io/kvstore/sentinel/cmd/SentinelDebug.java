package io.kvstore.sentinel.cmd;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.sentinel.Timings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** SENTINEL DEBUG [param value ...]: show or change Sentinel's time constants (milliseconds). */
final class SentinelDebug implements Command {
  private final SentinelContext sc;

  SentinelDebug(SentinelContext sc) {
    this.sc = sc;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    Timings t = sc.state().timings();
    if (args.size() == 2) {
      List<Reply> kv = new ArrayList<>();
      for (Map.Entry<String, Long> e : t.asMap().entrySet()) {
        kv.add(Reply.bulk(e.getKey()));
        kv.add(Reply.bulk(Long.toString(e.getValue())));
      }
      return new Reply.MapReply(kv);
    }
    for (int j = 2; j < args.size(); j++) {
      String option = args.str(j);
      if (j == args.size() - 1 || !t.asMap().containsKey(option.toUpperCase(java.util.Locale.ROOT))) {
        return Reply.error(Errors.sentinelDebugUnknown(option));
      }
      String v = args.str(++j);
      Long ll = Args.tryParseLong(v.getBytes(StandardCharsets.UTF_8));
      if (ll == null || ll <= 0) return Reply.error(Errors.sentinelDebugInvalid(v, option));
      t.set(option, ll);
    }
    return Reply.OK;
  }
}
