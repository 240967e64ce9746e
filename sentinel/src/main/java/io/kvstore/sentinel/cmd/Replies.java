package io.kvstore.sentinel.cmd;

import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.RedisException;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.sentinel.Instance;
import io.kvstore.core.sentinel.SentinelState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Reply helpers shared by the SENTINEL subcommands. */
final class Replies {
  private Replies() {}

  /** The named master, or the "No such master" error. */
  static Instance master(SentinelState st, String name) {
    Instance m = st.master(name);
    if (m == null) throw new RedisException(Errors.NO_SUCH_MASTER);
    return m;
  }

  /** One instance as a map (a flat array for RESP2) of bulk strings. */
  static Reply instance(SentinelState st, Instance ri) {
    return map(st.view(ri));
  }

  static Reply map(Map<String, String> fields) {
    List<Reply> kv = new ArrayList<>(fields.size() * 2);
    for (Map.Entry<String, String> e : fields.entrySet()) {
      kv.add(Reply.bulk(e.getKey()));
      kv.add(Reply.bulk(e.getValue()));
    }
    return new Reply.MapReply(kv);
  }

  /** Instances as an array of maps, leaving out replicas that are not announced. */
  static Reply instances(SentinelState st, Collection<Instance> all) {
    List<Reply> out = new ArrayList<>();
    for (Instance ri : all) {
      if (ri.isReplica() && !ri.replicaAnnounced()) continue;
      out.add(instance(st, ri));
    }
    return Reply.array(out);
  }

  /** +OK after saving the config, or the save error. */
  static Reply flushed(SentinelContext ctx) {
    return ctx.flushConfig() ? Reply.OK : Reply.error(Errors.SENTINEL_FLUSH_FAILED);
  }
}
