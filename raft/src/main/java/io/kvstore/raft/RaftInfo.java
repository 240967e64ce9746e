package io.kvstore.raft;

import io.kvstore.core.engine.InfoSection;
import io.kvstore.core.engine.Node;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * INFO in the raft mode: a {@code # Raft} section (INFO raft / everything) with the role, term,
 * leader, commit, applied and snapshot indexes and the members; and a {@code replication}
 * section in Redis's shape, so tools that read {@code role:} see the leader as {@code master}
 * and followers as {@code slave} of it, with log indexes as offsets.
 */
final class RaftInfo {
  private static final String ZERO_ID = "0000000000000000000000000000000000000000";

  private RaftInfo() {}

  static void install(Node node, RaftNode raft) {
    node.addInfoSection(new InfoSection() {
      @Override
      public String name() {
        return "raft";
      }

      @Override
      public Map<String, String> fields(Node n) {
        return raft(n, raft);
      }
    });
    node.addInfoSection(new InfoSection() {
      @Override
      public String name() {
        return "replication";
      }

      @Override
      public Map<String, String> fields(Node n) {
        return replication(n, raft);
      }
    });
  }

  static Map<String, String> raft(Node node, RaftNode raft) {
    RaftStatus st = raft.status();
    Map<String, String> m = new LinkedHashMap<>();
    m.put("raft_id", st.id());
    m.put("raft_role", st.role());
    m.put("raft_term", Long.toString(st.term()));
    m.put("raft_leader_id", st.leaderId());
    m.put("raft_leader_address", st.leaderRespAddress());
    m.put("raft_leader_ready", st.leaderReady() ? "1" : "0");
    m.put("raft_commit_index", Long.toString(st.commitIndex()));
    m.put("raft_applied_index", Long.toString(st.appliedIndex()));
    m.put("raft_snapshot_index", Long.toString(st.snapshotIndex()));
    m.put("raft_members", Integer.toString(st.members().size()));
    m.put("raft_read_mode", node.config().get("raft-read-mode"));
    m.put("raft_follower_writes", node.config().get("raft-follower-writes"));
    m.put("raft_address", raft.settings().address());
    m.put("raft_proposer_clients_replaced", Long.toString(raft.proposer().replacedClients()));
    m.put("raft_local_proposals", Long.toString(raft.proposer().localProposals()));
    m.put("raft_proposal_batches", Long.toString(raft.batcher().batches()));
    m.put("raft_batched_commands", Long.toString(raft.batcher().batchedCommands()));
    int i = 0;
    for (Map.Entry<String, String> e : st.members().entrySet()) {
      NodeDirectory.Addresses a = raft.directory().get(e.getKey());
      Long commit = st.commitInfos().get(e.getKey());
      m.put("raft_member" + i++, "id=" + e.getKey() + ",address=" + e.getValue()
          + ",resp=" + (a == null ? "" : a.resp()) + ",grpc=" + (a == null ? "" : a.grpc())
          + ",commit_index=" + (commit == null ? -1 : commit)
          + ",leader=" + (e.getKey().equals(st.leaderId()) ? 1 : 0));
    }
    return m;
  }

  static Map<String, String> replication(Node node, RaftNode raft) {
    RaftStatus st = raft.status();
    Map<String, String> m = new LinkedHashMap<>();
    String offset = Long.toString(st.appliedIndex());
    if (st.isLeader()) {
      m.put("role", "master");
      int i = 0;
      Map<String, String> slaves = new LinkedHashMap<>();
      for (String id : st.members().keySet()) {
        if (id.equals(st.id())) continue;
        NodeDirectory.Addresses a = raft.directory().get(id);
        boolean known = a != null && !a.resp().isEmpty();
        Long commit = st.commitInfos().get(id);
        slaves.put("slave" + i++, "ip=" + (known ? Peers.host(a.resp()) : "") + ",port="
            + (known ? Peers.port(a.resp()) : 0) + ",state=online,offset=" + (commit == null ? 0 : commit)
            + ",lag=0");
      }
      m.put("connected_slaves", Integer.toString(slaves.size()));
      m.putAll(slaves);
    } else {
      m.put("role", "slave");
      String leader = st.leaderRespAddress();
      m.put("master_host", leader.isEmpty() ? "" : Peers.host(leader));
      m.put("master_port", leader.isEmpty() ? "0" : Integer.toString(Peers.port(leader)));
      m.put("master_link_status", st.leaderId().isEmpty() ? "down" : "up");
      m.put("master_last_io_seconds_ago", st.leaderId().isEmpty() ? "-1" : "0");
      m.put("master_sync_in_progress", "0");
      m.put("slave_read_repl_offset", offset);
      m.put("slave_repl_offset", offset);
      m.put("slave_priority", node.config().get("replica-priority"));
      m.put("slave_read_only", "1");
      m.put("replica_announced", "1");
      m.put("connected_slaves", "0");
    }
    m.put("master_failover_state", "no-failover");
    m.put("master_replid", node.replId());
    m.put("master_replid2", ZERO_ID);
    m.put("master_repl_offset", offset);
    m.put("second_repl_offset", "-1");
    m.put("repl_backlog_active", "0");
    m.put("repl_backlog_size", node.config().get("repl-backlog-size"));
    m.put("repl_backlog_first_byte_offset", "0");
    m.put("repl_backlog_histlen", "0");
    m.put("raft_role", st.role());
    m.put("raft_term", Long.toString(st.term()));
    m.put("raft_leader_id", st.leaderId());
    m.put("raft_commit_index", Long.toString(st.commitIndex()));
    m.put("raft_applied_index", offset);
    return m;
  }
}
