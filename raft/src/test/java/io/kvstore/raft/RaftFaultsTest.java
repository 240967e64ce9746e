package io.kvstore.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kvstore.proto.v1.RaftEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.TimeDuration;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lost majorities, unknown outcomes and retried requests. */
class RaftFaultsTest {
  @TempDir
  Path dir;

  @Test
  void withoutALeaderWritesAndReadsAreRefusedAtOnceAsRetryable() {
    try (TestCluster cluster = TestCluster.start(dir, 3, Map.of())) {
      Member leader = cluster.leader();
      leader.client().call("SET", "k", "v");
      Member survivor = cluster.followers(leader).get(0);
      for (Member m : cluster.members) if (m != survivor) m.stop();
      await().atMost(Duration.ofSeconds(20)).until(() -> survivor.raft.leaderId() == null);
      TestClient c = survivor.client();
      assertThat(c.call("SET", "k", "w")).startsWith("CLUSTERDOWN ");
      assertThat(c.call("GET", "k")).startsWith("CLUSTERDOWN ");
      assertThat(c.call("INCR", "n")).startsWith("CLUSTERDOWN ");
      // a stale read is still served locally
      assertThat(c.call("READONLY")).isEqualTo("OK");
      assertThat(c.call("GET", "k")).isEqualTo("\"v\"");
    }
  }

  @Test
  void aProposedWriteThatCannotCommitIsReportedAsUnknownNotFailed() {
    // a long election timeout keeps the leader leading (it steps down only after that long
    // without a majority) while its followers are stopped and the write times out
    try (TestCluster cluster = TestCluster.start(dir, 3,
        Map.of("raft-timeout", "1500", "raft-election-timeout", "20000"), p -> {
          RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, TimeDuration.valueOf(200, TimeUnit.MILLISECONDS));
          RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p, TimeDuration.valueOf(400, TimeUnit.MILLISECONDS));
        })) {
      Member leader = cluster.leader();
      assertThat(leader.client().call("SET", "k", "1")).isEqualTo("OK");
      for (Member f : cluster.followers(leader)) f.stop();
      assertThat(leader.raft.isLeader()).isTrue();
      String reply = leader.client().call("SET", "k", "2");
      assertThat(reply).startsWith("UNKNOWN The write may or may not have been applied");
    }
  }

  @Test
  void aRetriedRequestIsAppliedOnceEvenAfterALeaderChange() throws Exception {
    try (TestCluster cluster = TestCluster.start(dir, 3, Map.of())) {
      Member leader = cluster.leader();
      byte[] incr = EntryCodec.commands(0, Collections.singletonList(TestClient.argv("INCR", "once")), false, List.of());
      ClientId clientId = ClientId.randomId();
      assertThat(submit(leader, clientId, 7, incr)).isEqualTo("1");
      assertThat(submit(leader, clientId, 7, incr)).isEqualTo("1"); // same call id: the cached reply
      cluster.awaitConverged();
      Member next = cluster.followers(leader).get(0);
      assertThat(leader.client().call("RAFT", "TRANSFER", next.id)).isEqualTo("OK");
      await().atMost(Duration.ofSeconds(20)).until(() -> next.raft.isLeaderReady());
      assertThat(submit(next, clientId, 7, incr)).isEqualTo("1"); // the new leader's cache has it
      assertThat(next.client().call("GET", "once")).isEqualTo("\"1\"");
      assertThat(submit(next, clientId, 8, incr)).isEqualTo("2"); // a new call is a new write
    }
  }

  private static String submit(Member m, ClientId clientId, long callId, byte[] entry) throws Exception {
    RaftServer server = m.raft.division().getRaftServer();
    RaftClientRequest request = RaftClientRequest.newBuilder()
        .setClientId(clientId).setServerId(m.raft.selfId()).setGroupId(RaftNode.GROUP_ID)
        .setCallId(callId).setMessage(Message.valueOf(UnsafeByteOperations.unsafeWrap(entry)))
        .setType(RaftClientRequest.writeRequestType()).build();
    RaftClientReply reply = server.submitClientRequestAsync(request).get();
    assertThat(reply.isSuccess()).as(String.valueOf(reply.getException())).isTrue();
    return Text.of(ReplyCodec.decode(reply.getMessage().getContent().toByteArray()).reply());
  }

  @Test
  void leaseReadsAreServedOnTheLeaderAndOnFollowers() {
    try (TestCluster cluster = TestCluster.start(dir, 3, Map.of("raft-read-mode", "lease"))) {
      Member leader = cluster.leader();
      assertThat(leader.client().call("SET", "l", "1")).isEqualTo("OK");
      assertThat(leader.client().call("GET", "l")).isEqualTo("\"1\"");
      for (Member f : cluster.followers(leader)) assertThat(f.client().call("GET", "l")).isEqualTo("\"1\"");
      assertThat(leader.client().call("INFO", "raft")).contains("raft_read_mode:lease");
    }
  }

  @Test
  void theEntryFormatCarriesTheLeadersTimestamp() throws Exception {
    byte[] e = EntryCodec.commands(3, Collections.singletonList(TestClient.argv("SET", "a", "b")), false, List.of());
    byte[] stamped = new byte[e.length + 9];
    System.arraycopy(e, 0, stamped, 0, e.length);
    System.arraycopy(EntryCodec.timestampSuffix(1234567890123L), 0, stamped, e.length, 9);
    RaftEntry parsed = EntryCodec.parse(java.nio.ByteBuffer.wrap(stamped));
    assertThat(parsed.getTimestampMs()).isEqualTo(1234567890123L);
    assertThat(parsed.getCommands().getDb()).isEqualTo(3);
    assertThat(parsed.getCommands().getCommands(0).getArgs(2).toStringUtf8()).isEqualTo("b");
  }
}
