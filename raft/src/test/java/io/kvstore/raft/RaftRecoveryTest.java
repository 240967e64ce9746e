package io.kvstore.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's forwarding recovers by itself: after a forwarded write ran out of retries (no leader
 * reachable for longer than the client retries), and writes that meet a leader handing its
 * leadership over are retried to whoever leads next instead of being answered as unknown.
 */
class RaftRecoveryTest {
  @TempDir
  Path dir;

  @Test
  void aFollowerForwardsWritesAgainAfterAForwardedWriteRanOutOfRetries() {
    try (TestCluster cluster = TestCluster.start(dir, 3, Map.of("raft-timeout", "2000"))) {
      Member leader = cluster.leader();
      Member follower = cluster.followers(leader).get(0);
      assertThat(follower.client().call("SET", "a", "1")).isEqualTo("OK");
      List<Member> others = cluster.members.stream().filter(m -> m != follower).toList();
      for (Member m : others) m.stop();
      // a proposal with nobody to take it: the client retries until its limit, then gives up
      byte[] entry = EntryCodec.commands(0, Collections.singletonList(TestClient.argv("SET", "a", "lost")),
          false, List.of());
      CompletableFuture<RaftClientReply> doomed = follower.raft.proposer().send(entry);
      await().atMost(Duration.ofSeconds(30)).until(doomed::isDone);
      assertThat(doomed).isCompletedExceptionally();
      for (Member m : others) m.start();
      if (cluster.leader() == follower) {
        // a leader proposes straight into its own server: hand the leadership over so that the
        // follower forwards through its client again
        assertThat(follower.client().call("RAFT", "TRANSFER", others.get(0).id)).isEqualTo("OK");
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> cluster.leader() != follower);
      Member next = cluster.leader();
      await().atMost(Duration.ofSeconds(20)).until(() -> next.id.equals(String.valueOf(follower.raft.leaderId())));
      TestClient c = follower.client();
      // the connection to the leader was refused a moment ago: a read resets it rather than
      // waiting for gRPC's reconnect backoff
      assertThat(c.call("GET", "a")).isEqualTo("\"1\"");
      assertThat(c.call("SET", "a", "2")).isEqualTo("OK");
      assertThat(c.call("INCR", "n")).isEqualTo("1");
      assertThat(c.call("GET", "a")).isEqualTo("\"2\"");
      // not asserted: raft_proposer_clients_replaced. Whether the failed request closed the
      // client's window (and the next request replaced the client) depends on how it failed
      // (out of retries, or refused by a node that had just come back); either way the follower
      // must forward again, which is what the calls above check.
    }
  }

  @Test
  void writesMeetingALeadershipTransferAreRetriedToTheLeaderAfterIt() throws Exception {
    try (TestCluster cluster = TestCluster.start(dir, 3, Map.of())) {
      Member leader = cluster.leader();
      List<Member> followers = cluster.followers(leader);
      Member follower = followers.get(0);
      Member target = followers.get(1);
      assertThat(follower.client().call("SET", "warm", "1")).isEqualTo("OK");
      cluster.awaitConverged();
      target.stop();
      // a transfer to a stopped node: the leader refuses writes until the transfer gives up
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        TestClient admin = leader.client();
        Future<String> transfer = pool.submit(() -> admin.call("RAFT", "TRANSFER", target.id));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
            .until(() -> transfer.isDone() || probeSteppingDown(leader));
        // replies may now wait longer than the transfer's own timeout
        for (Member m : List.of(leader, follower)) {
          assertThat(m.client().call("CONFIG", "SET", "raft-timeout", "15000")).isEqualTo("OK");
        }
        List<Future<List<String>>> writes = new ArrayList<>();
        for (Member m : List.of(leader, follower)) {
          writes.add(pool.submit(() -> m.client().pipeline(List.of(new String[] {"INCR", "n"},
              new String[] {"SET", "k-" + m.id, "v"}, new String[] {"GET", "k-" + m.id}))));
        }
        for (Future<List<String>> w : writes) {
          List<String> replies = w.get();
          assertThat(replies.get(0)).matches("[12]");
          assertThat(replies.get(1)).isEqualTo("OK");
          assertThat(replies.get(2)).isEqualTo("\"v\"");
        }
        assertThat(transfer.get()).startsWith("ERR ");
        assertThat(cluster.leader().client().call("GET", "n")).isEqualTo("\"2\"");
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /**
   * True when the leader refuses a write because it is stepping down. The probe carries no valid
   * entry, so when the leader accepts writes it is rejected without being appended.
   */
  private static boolean probeSteppingDown(Member m) throws Exception {
    RaftClientRequest request = RaftClientRequest.newBuilder()
        .setClientId(ClientId.randomId()).setServerId(m.raft.selfId()).setGroupId(RaftNode.GROUP_ID)
        .setCallId(1).setMessage(Message.EMPTY)
        .setType(RaftClientRequest.writeRequestType()).build();
    try {
      RaftClientReply reply = m.raft.division().getRaftServer().submitClientRequestAsync(request).get();
      return reply.getException() instanceof LeaderSteppingDownException;
    } catch (ExecutionException e) {
      return false;
    }
  }
}
