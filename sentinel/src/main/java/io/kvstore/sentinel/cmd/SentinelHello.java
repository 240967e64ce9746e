package io.kvstore.sentinel.cmd;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;
import java.util.ArrayList;
import java.util.List;

/** HELLO on a sentinel: the core handshake, answering mode "sentinel" and no role field. */
final class SentinelHello implements Command {
  private final Command core = new io.kvstore.core.cmd.connection.Hello();

  @Override
  public Reply execute(Ctx ctx, Args args) {
    Reply r = core.execute(ctx, args);
    if (!(r instanceof Reply.MapReply m)) return r;
    List<Reply> kv = new ArrayList<>();
    for (int i = 0; i + 1 < m.keyValues().size(); i += 2) {
      Reply k = m.keyValues().get(i);
      String key = k instanceof Reply.Bulk b ? b.utf8() : "";
      if (key.equals("role")) continue;
      kv.add(k);
      kv.add(key.equals("mode") ? Reply.bulk("sentinel") : m.keyValues().get(i + 1));
    }
    return new Reply.MapReply(kv);
  }
}
