package io.kvstore.raft;

import java.util.Map;

/**
 * A point-in-time view of this node's Raft state, for INFO, ROLE and RAFT INFO.
 *
 * @param role leader, follower, candidate, listener, or "none" (not a member / not running)
 * @param leaderId "" when no leader is known
 * @param leaderRespAddress the leader's RESP host:port ("" when unknown)
 * @param members voting members by id, with their Raft addresses, in id order
 * @param commitInfos each member's commit index as last known here (the leader knows them all)
 * @param followerMatchIndices the leader's match index per follower (empty elsewhere)
 */
public record RaftStatus(String id, String role, long term, String leaderId, String leaderRespAddress,
    long commitIndex, long appliedIndex, long snapshotIndex, Map<String, String> members,
    Map<String, Long> commitInfos, long[] followerMatchIndices, boolean leaderReady) {

  public boolean isLeader() {
    return "leader".equals(role);
  }
}
