package io.kvstore.core.cmd.pubsub;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.Reply;
import java.util.ArrayList;
import java.util.List;

/**
 * PUBSUB SHARDCHANNELS [pattern] and SHARDNUMSUB [shardchannel ...]. kvstore has no sharded
 * pub/sub (SSUBSCRIBE), so there are never shard channels: an empty list and zero counts, with
 * Redis's argument checking.
 */
public final class PubsubShard {
  private PubsubShard() {}

  /** SHARDCHANNELS. */
  public static final class Channels implements Command {
    @Override
    public Reply execute(Ctx ctx, Args args) {
      if (args.size() > 3) return Reply.error(Errors.subcommandSyntax(args.str(1), args.str(0)));
      return Reply.EMPTY_ARRAY;
    }
  }

  /** SHARDNUMSUB. */
  public static final class Numsub implements Command {
    @Override
    public Reply execute(Ctx ctx, Args args) {
      List<Reply> out = new ArrayList<>((args.size() - 2) * 2);
      for (int i = 2; i < args.size(); i++) {
        out.add(Reply.bulk(args.get(i)));
        out.add(Reply.ZERO);
      }
      return Reply.array(out);
    }
  }
}
