package io.kvstore.server.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.kvstore.core.config.Config;
import io.kvstore.proto.v1.AdminGrpc;
import io.kvstore.proto.v1.ExecuteRequest;
import io.kvstore.proto.v1.GetRequest;
import io.kvstore.proto.v1.KVGrpc;
import io.kvstore.proto.v1.RaftAdminRequest;
import io.kvstore.proto.v1.RaftAdminResponse;
import io.kvstore.proto.v1.ReadMode;
import io.kvstore.proto.v1.SetRequest;
import io.kvstore.server.KvstoreServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three embedded servers in replication-mode raft, used over RESP and gRPC. */
class RaftModeTest {
  @TempDir
  Path dir;

  @Test
  void serversFormAGroupServingRespAndGrpcOnEveryNode() throws Exception {
    List<KvstoreServer> servers = new ArrayList<>();
    String peers = "n1=127.0.0.1:" + freePort() + ",n2=127.0.0.1:" + freePort() + ",n3=127.0.0.1:" + freePort();
    try {
      for (int i = 1; i <= 3; i++) {
        Config c = new Config();
        c.set("dir", dir.resolve("n" + i).toString(), true);
        c.set("port", "0", true);
        c.set("grpc-port", "0", true);
        c.set("save", "", true);
        c.set("replication-mode", "raft", true);
        c.set("raft-id", "n" + i, true);
        c.set("raft-peers", peers, true);
        c.set("raft-election-timeout", "300", true);
        servers.add(KvstoreServer.start(c, KvstoreServer.Options.embedded(code -> {})));
      }
      KvstoreServer leader = awaitLeader(servers);
      List<KvstoreServer> followers = servers.stream().filter(s -> s != leader).toList();

      assertThat(resp(followers.get(0).respPort(), "SET", "k", "v")).isEqualTo("+OK");
      assertThat(resp(followers.get(1).respPort(), "GET", "k")).isEqualTo("v");
      assertThat(resp(followers.get(1).respPort(), "INCR", "k")).startsWith("-ERR value is not an integer");
      assertThat(resp(leader.respPort(), "ROLE")).isEqualTo("*3");

      ManagedChannel ch = ManagedChannelBuilder.forAddress("127.0.0.1", followers.get(0).grpcPort())
          .usePlaintext().build();
      try {
        KVGrpc.KVBlockingStub kv = KVGrpc.newBlockingStub(ch).withDeadlineAfter(30, TimeUnit.SECONDS);
        assertThat(kv.set(SetRequest.newBuilder().setKey(bs("g")).setValue(bs("1")).build()).getApplied()).isTrue();
        assertThat(kv.get(GetRequest.newBuilder().setKey(bs("g")).build()).getValue().toStringUtf8()).isEqualTo("1");
        assertThat(kv.get(GetRequest.newBuilder().setKey(bs("g")).setReadMode(ReadMode.READ_MODE_STALE).build())
            .getValue().toStringUtf8()).isEqualTo("1");
        assertThat(kv.execute(ExecuteRequest.newBuilder().addArgv(bs("GET")).addArgv(bs("k")).setStaleOk(true).build())
            .getBulk().toStringUtf8()).isEqualTo("v");
        AdminGrpc.AdminBlockingStub admin = AdminGrpc.newBlockingStub(ch).withDeadlineAfter(30, TimeUnit.SECONDS);
        RaftAdminResponse info = admin.raft(RaftAdminRequest.getDefaultInstance());
        assertThat(info.getFieldsMap()).containsEntry("raft_role", "follower").containsEntry("raft_members", "3");
        assertThatThrownBy(() -> admin.raft(RaftAdminRequest.newBuilder().setOp(RaftAdminRequest.Op.REMOVE)
            .setNodeId("nobody").build()))
            .isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        String target = followers.get(1).raft().settings().id();
        admin.raft(RaftAdminRequest.newBuilder().setOp(RaftAdminRequest.Op.TRANSFER).setNodeId(target).build());
        assertThat(awaitLeader(servers)).isSameAs(followers.get(1));
      } finally {
        ch.shutdownNow();
      }
    } finally {
      for (KvstoreServer s : servers) s.close();
    }
  }

  private static KvstoreServer awaitLeader(List<KvstoreServer> servers) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      for (KvstoreServer s : servers) {
        var st = s.raft().status();
        if (st.isLeader() && st.leaderReady()) return s;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no leader within 30 s");
  }

  private static ByteString bs(String s) {
    return ByteString.copyFromUtf8(s);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** One command over RESP; the first reply line without its type byte (bulk: its value). */
  private static String resp(int port, String... words) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(30_000);
      StringBuilder b = new StringBuilder("*" + words.length + "\r\n");
      for (String w : words) b.append('$').append(w.length()).append("\r\n").append(w).append("\r\n");
      OutputStream out = s.getOutputStream();
      out.write(b.toString().getBytes(StandardCharsets.UTF_8));
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      String line = in.readLine();
      return line.startsWith("$") ? in.readLine() : line;
    }
  }
}
