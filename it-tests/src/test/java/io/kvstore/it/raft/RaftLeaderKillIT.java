package io.kvstore.it.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGKILL of the leader under load, a new leader, the old one restarted on its data. */
class RaftLeaderKillIT {
  @TempDir Path dir;
  private Scenario s;

  @AfterEach
  void tearDown() throws Exception {
    if (s != null) s.close();
  }

  @Test
  void aKilledLeaderLosesNoAcknowledgedWrite() throws Exception {
    s = Scenario.prepare(dir, Map.of());
    List<Member> group = s.startGroupUnderLoad();
    Member leader = s.cluster.awaitLeader(group);

    leader.kill();
    s.phase("killed the leader " + leader.id());
    long faultNs = System.nanoTime();
    Member next = s.cluster.awaitLeader(Scenario.without(group, leader));
    assertThat(next).isNotEqualTo(leader);
    s.phase("new leader " + next.id());
    s.awaitAcks(faultNs, 60);

    leader.start();
    s.cluster.awaitUp(List.of(leader));
    s.verifyAfterHeal(System.nanoTime());
  }
}
