package io.kvstore.core.cmd.string;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.keyspace.Keyspace;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.StoredValue;
import io.kvstore.core.store.ValueType;
import java.util.ArrayList;
import java.util.List;

/** MGET key [key ...]: one value per key; missing keys and keys of other types read as nil. */
public final class MGet implements Command {
  @Override
  public Reply execute(Ctx ctx, Args a) {
    Keyspace db = ctx.db();
    List<Reply> out = new ArrayList<>(a.size() - 1);
    for (int j = 1; j < a.size(); j++) {
      StoredValue v = db.read(a.get(j));
      out.add(v == null || v.type() != ValueType.STRING ? Reply.NULL : Reply.bulk(v.data()));
    }
    return Reply.array(out);
  }
}
