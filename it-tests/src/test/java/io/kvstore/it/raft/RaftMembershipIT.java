package io.kvstore.it.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Membership changes under load: a fourth member joins (RAFT ADD, caught up before it counts)
 * and takes clients, then the leader is removed (RAFT REMOVE sent to a follower) while its own
 * clients keep sending to it; the three members left elect a leader and hold every
 * acknowledged write, the new member included.
 */
class RaftMembershipIT {
  @TempDir Path dir;
  private Scenario s;

  @AfterEach
  void tearDown() throws Exception {
    if (s != null) s.close();
  }

  @Test
  void addingAMemberAndRemovingTheLeaderUnderLoadLoseNoAcknowledgedWrite() throws Exception {
    s = Scenario.prepare(dir, Map.of());
    List<Member> group = s.startGroupUnderLoad();

    Member joiner = s.cluster.startJoiner(4);
    long addNs = System.nanoTime();
    assertThat(group.get(1).call(60_000, "RAFT", "ADD", joiner.id(), joiner.raftAddress())).isEqualTo("OK");
    List<Member> four = new ArrayList<>(group);
    four.add(joiner);
    awaitMembers(four, 4);
    s.phase("added " + joiner.id());
    s.load().retarget(four);
    s.awaitAcksThrough(addNs, 10, List.of(joiner));

    Member leader = s.cluster.awaitLeader(four);
    List<Member> rest = Scenario.without(four, leader);
    long removeNs = System.nanoTime();
    assertThat(rest.get(0).call(60_000, "RAFT", "REMOVE", leader.id())).isEqualTo("OK");
    s.phase("removed the leader " + leader.id());
    Member next = s.cluster.awaitLeader(rest);
    assertThat(next).isNotEqualTo(leader);
    awaitMembers(rest, 3);
    s.awaitAcks(removeNs, 60);

    s.load().retarget(rest);
    s.setVoters(rest);
    s.verifyAfterHeal(System.nanoTime());
  }

  private static void awaitMembers(List<Member> ms, int count) {
    for (Member m : ms) {
      await(m.id() + " counting " + count + " members").atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Map<String, String> info = m.info();
            assertThat(info).isNotNull();
            assertThat(info.get("raft_members")).isEqualTo(Integer.toString(count));
          });
    }
  }
}
