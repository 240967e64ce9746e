package io.kvstore.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.bench.history.Op;
import io.kvstore.bench.history.OpType;
import io.kvstore.bench.history.Outcome;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class KvClientTest {
  private static Request read(String key) {
    return new Request(Request.Family.REGISTER, OpType.READ, key, key, null, null);
  }

  private static Request write(String key, String v) {
    return new Request(Request.Family.REGISTER, OpType.WRITE, key, key, v, null);
  }

  private static Router fixed(Endpoint e) {
    return new SpreadRouter(List.of(e));
  }

  @Test
  void aReadCompletesWhenItsReplyArrivesNotWhenItIsSent() throws Exception {
    try (FakeRedis redis = new FakeRedis(cmd -> FakeRedis.bulk("v1"));
        KvClient c = new KvClient(0, 4, fixed(redis.endpoint()), ClientPolicy.plain(2000))) {
      redis.replyDelayMs(60);
      Op op = c.execute(read("k"), 7);
      assertThat(op.outcome()).isEqualTo(Outcome.OK);
      assertThat(op.result()).isEqualTo("v1");
      assertThat(op.index()).isEqualTo(7);
      assertThat(op.completeNs() - op.invokeNs()).isGreaterThanOrEqualTo(60_000_000L);
    }
  }

  @Test
  void aRefusedWriteFailsAndKeepsTheProcess() throws Exception {
    try (FakeRedis redis = new FakeRedis(cmd -> "-READONLY You can't write against a read only replica.\r\n");
        KvClient c = new KvClient(1, 4, fixed(redis.endpoint()), ClientPolicy.plain(2000))) {
      Op op = c.execute(write("k", "v"), 0);
      assertThat(op.outcome()).isEqualTo(Outcome.FAIL);
      assertThat(op.error()).startsWith("READONLY");
      assertThat(c.process()).isEqualTo(1);
    }
  }

  @Test
  void anUnknownOutcomeIsInfoAndTheProcessTakesANewId() throws Exception {
    try (FakeRedis redis = new FakeRedis(cmd -> "-UNKNOWN The write may or may not have been applied: x\r\n");
        KvClient c = new KvClient(1, 4, fixed(redis.endpoint()), ClientPolicy.plain(2000))) {
      Op op = c.execute(write("k", "v"), 0);
      assertThat(op.outcome()).isEqualTo(Outcome.INFO);
      assertThat(op.process()).isEqualTo(1);
      assertThat(c.process()).isEqualTo(5);
    }
  }

  @Test
  void aWriteWithoutReplyIsUnknownAndAReadWithoutReplyFails() throws Exception {
    try (FakeRedis redis = new FakeRedis(cmd -> null);
        KvClient c = new KvClient(0, 4, fixed(redis.endpoint()), ClientPolicy.plain(150))) {
      assertThat(c.execute(write("k", "v"), 0).outcome()).isEqualTo(Outcome.INFO);
      assertThat(c.execute(read("k"), 1).outcome()).isEqualTo(Outcome.FAIL);
    }
  }

  @Test
  void aConnectionThatCannotBeOpenedFails() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (KvClient c = new KvClient(0, 4, fixed(new Endpoint("gone", "127.0.0.1", port)), ClientPolicy.plain(500))) {
      Op op = c.execute(write("k", "v"), 0);
      assertThat(op.outcome()).isEqualTo(Outcome.FAIL);
      assertThat(op.error()).startsWith("connect");
    }
  }

  @Test
  void casComparesThenWritesInATransaction() throws Exception {
    try (FakeRedis redis = new FakeRedis(cmd -> switch (cmd.get(0)) {
      case "GET" -> FakeRedis.bulk("old");
      case "SET" -> "+QUEUED\r\n";
      case "EXEC" -> "*1\r\n+OK\r\n";
      default -> "+OK\r\n";
    }); KvClient c = new KvClient(0, 4, fixed(redis.endpoint()), ClientPolicy.plain(2000))) {
      Request cas = new Request(Request.Family.REGISTER, OpType.CAS, "k", "k", "new", "old");
      Op op = c.execute(cas, 0);
      assertThat(op.outcome()).isEqualTo(Outcome.OK);
      assertThat(op.casApplied()).isTrue();
      assertThat(redis.received()).extracting(l -> l.get(0)).containsExactly("WATCH", "GET", "MULTI", "SET", "EXEC");
      Request mismatch = new Request(Request.Family.REGISTER, OpType.CAS, "k", "k", "new2", "other");
      Op op2 = c.execute(mismatch, 1);
      assertThat(op2.isOk()).isTrue();
      assertThat(op2.result()).isEqualTo(Op.CAS_MISMATCH);
      assertThat(redis.received().get(redis.received().size() - 1).get(0)).isEqualTo("UNWATCH");
    }
  }

  @Test
  void anAbortedExecFails() throws Exception {
    try (FakeRedis redis = new FakeRedis(cmd -> switch (cmd.get(0)) {
      case "GET" -> FakeRedis.bulk(null);
      case "SET" -> "+QUEUED\r\n";
      case "EXEC" -> "*-1\r\n";
      default -> "+OK\r\n";
    }); KvClient c = new KvClient(0, 4, fixed(redis.endpoint()), ClientPolicy.plain(2000))) {
      Op op = c.execute(new Request(Request.Family.REGISTER, OpType.CAS, "k", "k", "v", null), 0);
      assertThat(op.outcome()).isEqualTo(Outcome.FAIL);
    }
  }

  @Test
  void waitModeMakesAnUnreplicatedWriteUnknown() throws Exception {
    try (FakeRedis redis = new FakeRedis(cmd -> cmd.get(0).equals("WAIT") ? ":0\r\n" : "+OK\r\n");
        KvClient c = new KvClient(0, 4, fixed(redis.endpoint()), new ClientPolicy(1, 100, false, 2000))) {
      Op op = c.execute(write("k", "v"), 0);
      assertThat(op.outcome()).isEqualTo(Outcome.INFO);
      assertThat(op.error()).contains("WAIT");
      assertThat(redis.received().get(1)).containsExactly("WAIT", "1", "100");
    }
  }

  @Test
  void staleReadModeSendsReadonlyOnConnect() throws Exception {
    try (FakeRedis redis = new FakeRedis(cmd -> cmd.get(0).equals("GET") ? FakeRedis.bulk("x") : "+OK\r\n");
        KvClient c = new KvClient(0, 4, fixed(redis.endpoint()), new ClientPolicy(0, 0, true, 2000))) {
      c.execute(read("k"), 0);
      assertThat(redis.received().get(0)).containsExactly("READONLY");
    }
  }

  @Test
  void setAddsAndTheFinalReadListsElements() throws Exception {
    try (FakeRedis redis = new FakeRedis(cmd -> cmd.get(0).equals("KEYS")
        ? "*2\r\n" + FakeRedis.bulk("s:1") + FakeRedis.bulk("s:7") : "+OK\r\n");
        KvClient c = new KvClient(0, 4, fixed(redis.endpoint()), ClientPolicy.plain(2000))) {
      Op add = c.execute(new Request(Request.Family.SET, OpType.ADD, "set", "s:7", "7", null), 0);
      assertThat(add.isOk()).isTrue();
      assertThat(redis.received().get(0)).containsExactly("SET", "s:7", "1");
      Op all = c.execute(new Request(Request.Family.SET, OpType.READ, "set", "s:*", null, null), 1);
      assertThat(all.values()).containsExactly("1", "7");
    }
  }
}
