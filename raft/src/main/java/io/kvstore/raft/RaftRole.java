package io.kvstore.raft;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;
import java.util.ArrayList;
import java.util.List;

/**
 * ROLE in Redis's shape, from the Raft state: the leader answers {@code master}, its applied
 * index and one {@code [ip, port, offset]} per other member (RESP address, last known commit
 * index); any other node answers {@code slave}, the leader's RESP host and port, {@code connected}
 * (a leader is known) or {@code connect}, and its applied index. RAFT INFO has the Raft details.
 */
final class RaftRole implements Command {
  private final RaftNode raft;

  RaftRole(RaftNode raft) {
    this.raft = raft;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    RaftStatus st = raft.status();
    if (st.isLeader()) {
      List<Reply> replicas = new ArrayList<>();
      for (String id : st.members().keySet()) {
        if (id.equals(st.id())) continue;
        NodeDirectory.Addresses a = raft.directory().get(id);
        boolean known = a != null && !a.resp().isEmpty();
        Long commit = st.commitInfos().get(id);
        replicas.add(Reply.array(Reply.bulk(known ? Peers.host(a.resp()) : ""),
            Reply.bulk(known ? Integer.toString(Peers.port(a.resp())) : "0"),
            Reply.bulk(Long.toString(commit == null ? 0 : commit))));
      }
      return Reply.array(Reply.bulk("master"), Reply.integer(st.appliedIndex()), Reply.array(replicas));
    }
    String leader = st.leaderRespAddress();
    return Reply.array(Reply.bulk("slave"), Reply.bulk(leader.isEmpty() ? "" : Peers.host(leader)),
        Reply.integer(leader.isEmpty() ? 0 : Peers.port(leader)),
        Reply.bulk(st.leaderId().isEmpty() ? "connect" : "connected"), Reply.integer(st.appliedIndex()));
  }
}
