package io.kvstore.it.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member cut off from the others (every Raft link from and to it blocked by the proxies) while
 * its clients keep talking to it, for longer than a write retries: the majority serves writes;
 * the cut-off member must neither acknowledge a write nor answer a read the majority's writes
 * have made stale. Then the partition heals, and the member serves writes again.
 */
class RaftPartitionIT {
  @TempDir Path dir;
  private Scenario s;

  @AfterEach
  void tearDown() throws Exception {
    if (s != null) s.close();
  }

  @Test
  void aPartitionedLeaderServesNoStaleReadAndLosesNoAcknowledgedWrite() throws Exception {
    s = Scenario.prepare(dir, Map.of());
    List<Member> group = s.startGroupUnderLoad();
    Member leader = s.cluster.awaitLeader(group);

    s.cluster.isolate(leader);
    s.phase("isolated the leader " + leader.id());
    long faultNs = System.nanoTime();
    Member next = s.cluster.awaitLeader(Scenario.without(group, leader));
    assertThat(next).isNotEqualTo(leader);
    s.phase("new leader " + next.id());
    s.awaitAcks(faultNs, 60);
    s.holdFaultPastRetries(faultNs);

    s.cluster.heal();
    long healNs = System.nanoTime();
    assertThat(s.load().acksWithin(leader, faultNs, healNs))
        .as("writes sent to the isolated old leader and acknowledged while it was cut off").isZero();
    s.verifyAfterHeal(healNs);
  }

  @Test
  void aPartitionedFollowerServesNoStaleReadAndWritesAgainOnceHealed() throws Exception {
    s = Scenario.prepare(dir, Map.of());
    List<Member> group = s.startGroupUnderLoad();
    Member leader = s.cluster.awaitLeader(group);
    Member follower = Scenario.without(group, leader).get(0);

    s.cluster.isolate(follower);
    s.phase("isolated the follower " + follower.id());
    long faultNs = System.nanoTime();
    s.awaitAcks(faultNs, 60);
    s.holdFaultPastRetries(faultNs);

    s.cluster.heal();
    long healNs = System.nanoTime();
    assertThat(s.load().acksWithin(follower, faultNs, healNs))
        .as("writes sent to the isolated follower and acknowledged while it was cut off").isZero();
    s.verifyAfterHeal(healNs);
  }
}
