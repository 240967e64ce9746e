package io.kvstore.core.sentinel;

import io.kvstore.core.reply.Reply;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Agreement between sentinels. ODOWN: a master we see SDOWN is objectively down when we and the
 * sentinels that answered {@code SENTINEL is-master-down-by-addr} with 1 in the last 5 s are at
 * least {@code quorum}. Votes: each sentinel votes at most once per epoch — for the first
 * sentinel that asks in an epoch newer than its last vote (a request with a higher epoch also
 * raises its current epoch); the vote is remembered and repeated for later requests. Leader: the
 * sentinel with the most votes in the failover epoch, if that is at least a majority of all
 * known sentinels (ourselves included) and at least the quorum. Our own vote goes to the
 * current front-runner, or to ourselves when nobody has a vote yet.
 */
public final class Election {
  /** The reply to is-master-down-by-addr. */
  public record Answer(boolean down, String leader, long leaderEpoch) {}

  /** SENTINEL CKQUORUM's verdict. */
  public record Quorum(int usable, boolean quorumOk, boolean majorityOk) {
    public boolean ok() {
      return quorumOk && majorityOk;
    }
  }

  private final SentinelState st;

  Election(SentinelState st) {
    this.st = st;
  }

  void checkObjectivelyDown(Instance m) {
    int quorum = 0;
    boolean odown = false;
    if (m.sDown) {
      quorum = 1;
      for (Instance s : m.sentinels.values()) {
        if (s.masterDown) quorum++;
      }
      if (quorum >= m.quorum) odown = true;
    }
    if (odown) {
      if (!m.oDown) {
        st.event(EventLevel.WARNING, "+odown", m, " #quorum " + quorum + "/" + m.quorum);
        m.oDown = true;
        m.oDownSince = st.now();
      }
    } else if (m.oDown) {
      st.event(EventLevel.WARNING, "-odown", m, "");
      m.oDown = false;
    }
  }

  /** Asks the other sentinels (and, during a failover, for their vote); {@code forced} ignores the ask period. */
  void askOthers(Instance m, boolean forced) {
    long now = st.now();
    for (Instance s : m.sentinels.values()) {
      if (now - s.lastMasterDownReplyTime > st.timings.askPeriod * 5) {
        s.masterDown = false;
        s.leader = null;
      }
      if (!m.sDown) continue;
      if (s.link.disconnected) continue;
      if (!forced && now - s.lastMasterDownReplyTime < st.timings.askPeriod) continue;
      String runId = m.failoverState != FailoverState.NONE ? st.myid : "*";
      st.monitor.command(s, reply -> onAnswer(s, reply), "SENTINEL", "is-master-down-by-addr",
          m.addr.announce(st.announceHostnames), Integer.toString(m.addr.port()),
          Long.toString(st.currentEpoch), runId);
    }
  }

  private void onAnswer(Instance s, Reply r) {
    if (!(r instanceof Reply.Array a)) return;
    List<Reply> e = a.items();
    if (e.size() != 3 || !(e.get(0) instanceof Reply.Int down) || !(e.get(1) instanceof Reply.Bulk leader)
        || !(e.get(2) instanceof Reply.Int epoch)) {
      return;
    }
    s.lastMasterDownReplyTime = st.now();
    s.masterDown = down.value() == 1;
    String l = leader.utf8();
    if (!l.equals("*")) {
      if (s.leaderEpoch != epoch.value()) {
        st.io.log(EventLevel.WARNING, s.name + " voted for " + l + " " + epoch.value());
      }
      s.leader = l;
      s.leaderEpoch = epoch.value();
    }
  }

  /** SENTINEL IS-MASTER-DOWN-BY-ADDR on this sentinel. */
  Answer answer(String ip, int port, long reqEpoch, String runId) {
    Instance ri = st.findByAddrAndRunId(st.masters, ip, port, null);
    boolean down = !st.tilt && ri != null && ri.sDown && ri.kind == Instance.Kind.MASTER;
    String leader = null;
    long leaderEpoch = 0;
    if (ri != null && ri.kind == Instance.Kind.MASTER && !runId.equals("*")) {
      leader = vote(ri, reqEpoch, runId);
      leaderEpoch = ri.leaderEpoch;
    }
    return new Answer(down, leader == null ? "*" : leader, leaderEpoch);
  }

  /**
   * Votes for {@code reqRunId} in {@code reqEpoch} unless we already voted in that epoch or a
   * later one; returns the vote now recorded for the master (null: none ever).
   */
  String vote(Instance m, long reqEpoch, String reqRunId) {
    if (reqEpoch > st.currentEpoch) {
      st.currentEpoch = reqEpoch;
      st.io.flushConfig();
      st.eventRaw(EventLevel.WARNING, "+new-epoch", Long.toString(st.currentEpoch));
    }
    if (m.leaderEpoch < reqEpoch && st.currentEpoch <= reqEpoch) {
      m.leader = reqRunId;
      m.leaderEpoch = st.currentEpoch;
      st.io.flushConfig();
      st.eventRaw(EventLevel.WARNING, "+vote-for-leader", m.leader + " " + m.leaderEpoch);
      if (!m.leader.equalsIgnoreCase(st.myid)) {
        m.failoverStartTime = st.now() + st.random.nextInt(SentinelState.MAX_DESYNC);
      }
    }
    return m.leader;
  }

  /** The leader for {@code epoch}, or null when no sentinel has enough votes. */
  String leader(Instance m, long epoch) {
    Map<String, Integer> counters = new LinkedHashMap<>();
    int voters = m.sentinels.size() + 1;
    for (Instance s : m.sentinels.values()) {
      if (s.leader != null && s.leaderEpoch == st.currentEpoch) counters.merge(s.leader, 1, Integer::sum);
    }
    String winner = null;
    int maxVotes = 0;
    for (Map.Entry<String, Integer> e : counters.entrySet()) {
      if (e.getValue() > maxVotes) {
        maxVotes = e.getValue();
        winner = e.getKey();
      }
    }
    String myVote = vote(m, epoch, winner != null ? winner : st.myid);
    if (myVote != null && m.leaderEpoch == epoch) {
      int votes = counters.merge(myVote, 1, Integer::sum);
      if (votes > maxVotes) {
        maxVotes = votes;
        winner = myVote;
      }
    }
    int majority = voters / 2 + 1;
    if (winner != null && (maxVotes < majority || maxVotes < m.quorum)) winner = null;
    return winner;
  }

  /** Whether enough sentinels (not SDOWN) are around to reach the quorum and a majority. */
  Quorum quorumReachable(Instance m) {
    int usable = 1;
    int voters = m.sentinels.size() + 1;
    for (Instance s : m.sentinels.values()) {
      if (!s.sDown && !s.oDown) usable++;
    }
    return new Quorum(usable, usable >= m.quorum, usable >= voters / 2 + 1);
  }
}
