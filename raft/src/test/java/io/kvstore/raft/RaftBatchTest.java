package io.kvstore.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands proposed in one burst of a node's engine loop travel as one log entry: each still
 * gets its own reply, in order, errors stay with their command, and every node applies them
 * in the order they were sent.
 */
class RaftBatchTest {
  @TempDir
  Path dir;

  @Test
  void pipelinedWritesTravelAsOneEntryAndKeepTheirOwnRepliesAndOrder() {
    try (TestCluster cluster = TestCluster.start(dir, 3, Map.of())) {
      Member leader = cluster.leader();
      for (Member m : List.of(cluster.followers(leader).get(0), leader)) {
        String p = m.id + ":";
        long entriesBefore = batches(m)[0];
        List<String> replies = m.client().pipeline(List.of(
            new String[] {"SET", p + "a", "1"},
            new String[] {"INCR", p + "n"},
            new String[] {"INCR", p + "a"},
            new String[] {"APPEND", p + "a", "x"},
            new String[] {"INCR", p + "a"},
            new String[] {"APPEND", p + "l", "first,"},
            new String[] {"APPEND", p + "l", "second"},
            new String[] {"INCR", p + "n"}));
        assertThat(replies).containsExactly("OK", "1", "2", "2",
            "ERR value is not an integer or out of range", "6", "12", "2");
        long[] after = batches(m);
        assertThat(after[0]).isEqualTo(entriesBefore + 1);
        assertThat(after[1]).isGreaterThanOrEqualTo(8);
        cluster.awaitConverged();
        for (Member each : cluster.members) {
          assertThat(each.client().call("GET", p + "a")).isEqualTo("\"2x\"");
          assertThat(each.client().call("GET", p + "l")).isEqualTo("\"first,second\"");
        }
      }
      cluster.awaitConverged();
      for (Member m : cluster.members) assertThat(m.dump(0)).isEqualTo(leader.dump(0));
    }
  }

  @Test
  void manySessionsWritingAtOnceLoseNothingAndCountExactly() throws Exception {
    try (TestCluster cluster = TestCluster.start(dir, 3, Map.of())) {
      Member leader = cluster.leader();
      List<Thread> threads = new ArrayList<>();
      List<String> bad = java.util.Collections.synchronizedList(new ArrayList<>());
      for (Member m : cluster.members) {
        for (int t = 0; t < 4; t++) {
          String key = m.id + "-" + t;
          threads.add(new Thread(() -> {
            TestClient c = m.client();
            int length = 0;
            for (int i = 1; i <= 50; i++) {
              String item = i + ",";
              length += item.length();
              List<String> r = c.pipeline(List.of(new String[] {"INCR", "total"}, new String[] {"APPEND", key, item}));
              if (!r.get(0).matches("[0-9]+") || !r.get(1).equals("" + length)) bad.add(key + " " + r);
            }
          }));
        }
      }
      for (Thread t : threads) t.start();
      for (Thread t : threads) t.join();
      assertThat(bad).isEmpty();
      assertThat(leader.client().call("GET", "total")).isEqualTo("\"600\"");
      cluster.awaitConverged();
      for (Member m : cluster.members) {
        assertThat(m.dump(0)).isEqualTo(leader.dump(0));
        assertThat(m.client().call("GETRANGE", "n1-0", "0", "5")).isEqualTo("\"1,2,3,\"");
      }
    }
  }

  @Test
  void largeWritesReplicateAndTooLargeOnesAreRefusedUnproposed() {
    try (TestCluster cluster = TestCluster.start(dir, 3, Map.of())) {
      Member leader = cluster.leader();
      Member follower = cluster.followers(leader).get(0);
      String big = "x".repeat(5 << 20); // above Ratis's default 4 MB appender buffer
      assertThat(follower.client().call("SET", "big", big)).isEqualTo("OK");
      assertThat(follower.client().call("STRLEN", "big")).isEqualTo(Integer.toString(5 << 20));
      String huge = "y".repeat(RatisConfig.MAX_ENTRY_BYTES);
      assertThat(leader.client().call("SET", "huge", huge))
          .startsWith("ERR write too large for the Raft log (");
      assertThat(leader.client().call("SET", "after", "1")).isEqualTo("OK");
      cluster.awaitConverged();
      for (Member m : cluster.members) {
        assertThat(m.client().call("STRLEN", "big")).isEqualTo(Integer.toString(5 << 20));
        assertThat(m.client().call("EXISTS", "huge")).isEqualTo("0");
      }
    }
  }

  /** Entries that carried more than one command, and the commands they carried, on one node. */
  private static long[] batches(Member m) {
    String info = m.client().call("INFO", "raft");
    return new long[] {field(info, "raft_proposal_batches"), field(info, "raft_batched_commands")};
  }

  private static long field(String info, String name) {
    java.util.regex.Matcher x = java.util.regex.Pattern.compile(name + ":(\\d+)").matcher(info);
    assertThat(x.find()).as(name).isTrue();
    return Long.parseLong(x.group(1));
  }
}
