package io.kvstore.it.raft;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every member SIGKILLed under load, then all restarted on their data: what was acknowledged
 * was in a majority's fsynced log, so it must all come back (replayed from the Raft log).
 */
class RaftClusterRestartIT {
  @TempDir Path dir;
  private Scenario s;

  @AfterEach
  void tearDown() throws Exception {
    if (s != null) s.close();
  }

  @Test
  void aWholeClusterKilledAndRestartedLosesNoAcknowledgedWrite() throws Exception {
    s = Scenario.prepare(dir, Map.of());
    List<Member> group = s.startGroupUnderLoad();

    for (Member m : group) m.kill();
    s.phase("killed every member");
    for (Member m : group) m.start();
    s.cluster.awaitUp(group);
    s.phase("restarted");
    s.cluster.awaitLeader(group);
    s.verifyAfterHeal(System.nanoTime());
  }
}
