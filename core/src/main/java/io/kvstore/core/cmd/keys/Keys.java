package io.kvstore.core.cmd.keys;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.Store;
import io.kvstore.core.store.StoredValue;
import io.kvstore.core.util.Glob;
import java.util.ArrayList;
import java.util.List;

/**
 * KEYS pattern: every key matching the (case-sensitive) glob. Logically expired keys are skipped
 * but not deleted, as in Redis. The store is walked in pages so no single call materialises
 * more than a page of keys besides the reply itself.
 */
public final class Keys implements Command {
  private static final int PAGE = 1024;

  @Override
  public Reply execute(Ctx ctx, Args args) {
    byte[] pattern = args.get(1);
    boolean all = pattern.length == 1 && pattern[0] == '*';
    Store store = ctx.node().store();
    int db = ctx.session().db();
    long now = ctx.now();
    List<Reply> out = new ArrayList<>();
    byte[] after = null;
    while (true) {
      List<byte[]> page = store.keysAfter(db, after, PAGE);
      for (byte[] key : page) {
        if (!all && !Glob.matches(pattern, key, false)) continue;
        StoredValue v = store.get(db, key);
        if (v != null && !v.isExpiredAt(now)) out.add(Reply.bulk(key));
      }
      if (page.size() < PAGE) break;
      after = page.get(page.size() - 1);
    }
    return Reply.array(out);
  }
}
