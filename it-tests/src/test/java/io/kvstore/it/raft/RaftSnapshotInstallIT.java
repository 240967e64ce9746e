package io.kvstore.it.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kvstore.bench.cluster.Probe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * A follower SIGKILLed under load while the others write on, take a snapshot (RAFT SNAPSHOT,
 * with raft-snapshot-entries small) and purge their log past what the follower has: restarted,
 * it can only catch up by installing the leader's snapshot. It must then hold every write,
 * stale reads ({@code READONLY}) on it included.
 */
class RaftSnapshotInstallIT {
  /** Large values, so the log fills and closes segments (only closed segments are purged). */
  private static final int BULK_KEYS = 40;
  private static final int BULK_BYTES = 1 << 20;
  private static final Pattern SEGMENT = Pattern.compile("log_(?:inprogress_)?(\\d+)(?:-\\d+)?");

  @TempDir Path dir;
  private Scenario s;

  @AfterEach
  void tearDown() throws Exception {
    if (s != null) s.close();
  }

  @Test
  void aFollowerBehindThePurgedLogCatchesUpFromASnapshotWithEveryWrite() throws Exception {
    s = Scenario.prepare(dir, Map.of("raft-snapshot-entries", "100"));
    List<Member> group = s.startGroupUnderLoad();
    Member leader = s.cluster.awaitLeader(group);
    Member follower = Scenario.without(group, leader).get(0);
    long followerApplied = Long.parseLong(follower.info().get("raft_applied_index"));

    follower.kill();
    s.phase("killed the follower " + follower.id() + " at applied index " + followerApplied);
    long downNs = System.nanoTime();
    try (Jedis j = Probe.connect("127.0.0.1", leader.port(), 60_000)) {
      for (int i = 0; i < BULK_KEYS; i++) assertThat(j.set("bulk:" + i, bulk(i))).isEqualTo("OK");
    }
    s.phase("wrote " + BULK_KEYS + " large values");
    s.awaitAcks(downNs, 60);
    String snapshot = leader.call(60_000, "RAFT", "SNAPSHOT");
    assertThat(snapshot).matches("\\d+");
    assertThat(Long.parseLong(snapshot)).isGreaterThan(followerApplied);
    await("the leader's log purged past index " + followerApplied).atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(() -> assertThat(firstLogIndex(leader)).as(() -> segments(leader))
            .isGreaterThan(followerApplied + 1));

    s.phase("snapshot at " + snapshot + ", " + segments(leader));
    follower.start();
    long restartNs = System.nanoTime();
    s.cluster.awaitUp(List.of(follower));
    s.cluster.awaitConverged(group);
    assertThat(Long.parseLong(follower.info().get("raft_snapshot_index")))
        .as("the follower's snapshot index after catching up").isGreaterThanOrEqualTo(Long.parseLong(snapshot));
    s.phase("the follower caught up");
    try (Jedis j = Probe.connect("127.0.0.1", follower.port(), 60_000)) {
      j.readonly();
      for (int i = 0; i < BULK_KEYS; i++) {
        assertThat(j.get("bulk:" + i)).as("READONLY GET bulk:" + i + " on " + follower.id()).isEqualTo(bulk(i));
      }
    }
    s.verifyAfterHeal(restartNs);
  }

  private static String bulk(int i) {
    String unit = "bulk" + i + "-";
    StringBuilder sb = new StringBuilder(BULK_BYTES + unit.length());
    while (sb.length() < BULK_BYTES) sb.append(unit);
    return sb.toString();
  }

  /** The smallest index still in the member's Raft log segments. */
  private static long firstLogIndex(Member m) throws IOException {
    long first = Long.MAX_VALUE;
    try (Stream<Path> files = Files.walk(m.dir().resolve("raft"))) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Matcher x = SEGMENT.matcher(p.getFileName().toString());
        if (x.matches()) first = Math.min(first, Long.parseLong(x.group(1)));
      }
    }
    return first;
  }

  private static String segments(Member m) {
    try (Stream<Path> files = Files.walk(m.dir().resolve("raft"))) {
      return "log segments of " + m.id() + ": " + files.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("log_")).sorted().toList();
    } catch (IOException e) {
      return e.toString();
    }
  }
}
