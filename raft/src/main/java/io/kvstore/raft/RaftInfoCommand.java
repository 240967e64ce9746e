package io.kvstore.raft;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;
import java.util.Map;

/** RAFT INFO: this node's Raft state as {@code field:value} lines (the fields of INFO raft). */
final class RaftInfoCommand implements Command {
  private final RaftNode raft;

  RaftInfoCommand(RaftNode raft) {
    this.raft = raft;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : RaftInfo.raft(ctx.node(), raft).entrySet()) {
      sb.append(e.getKey()).append(':').append(e.getValue()).append("\r\n");
    }
    return Reply.bulk(sb.toString());
  }
}
