package io.kvstore.it.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGSTOP of the leader under load until the others elect a new leader and serve writes, then
 * SIGCONT: the old leader wakes up believing it leads, with its clients' requests (sent during
 * the pause) still queued. Neither its reads nor its writes may contradict the new leader's.
 */
class RaftLeaderPauseIT {
  @TempDir Path dir;
  private Scenario s;

  @AfterEach
  void tearDown() throws Exception {
    if (s != null) s.close();
  }

  @Test
  void aPausedLeaderServesNoStaleReadAndLosesNoAcknowledgedWrite() throws Exception {
    s = Scenario.prepare(dir, Map.of());
    List<Member> group = s.startGroupUnderLoad();
    Member leader = s.cluster.awaitLeader(group);

    leader.pause();
    s.phase("paused the leader " + leader.id());
    long faultNs = System.nanoTime();
    Member next = s.cluster.awaitLeader(Scenario.without(group, leader));
    assertThat(next).isNotEqualTo(leader);
    s.phase("new leader " + next.id());
    s.awaitAcks(faultNs, 60);

    leader.resume();
    s.verifyAfterHeal(System.nanoTime());
  }
}
