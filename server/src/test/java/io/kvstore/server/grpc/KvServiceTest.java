package io.kvstore.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.kvstore.proto.v1.DeleteRequest;
import io.kvstore.proto.v1.ExecuteRequest;
import io.kvstore.proto.v1.ExpireRequest;
import io.kvstore.proto.v1.GetRequest;
import io.kvstore.proto.v1.GetResponse;
import io.kvstore.proto.v1.IncrByRequest;
import io.kvstore.proto.v1.KVGrpc;
import io.kvstore.proto.v1.KeyValue;
import io.kvstore.proto.v1.MGetRequest;
import io.kvstore.proto.v1.MGetResponse;
import io.kvstore.proto.v1.MSetRequest;
import io.kvstore.proto.v1.MaybeValue;
import io.kvstore.proto.v1.Reply;
import io.kvstore.proto.v1.SetRequest;
import io.kvstore.proto.v1.SetResponse;
import io.kvstore.proto.v1.TtlRequest;
import io.kvstore.server.RunningServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every typed KV call and Execute through a real Netty channel to a real node. */
class KvServiceTest {
  @TempDir static Path dir;
  static RunningServer node;
  static KVGrpc.KVBlockingStub kv;

  @BeforeAll
  static void start() {
    node = new RunningServer(dir);
    kv = node.kv();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static ByteString b(String s) {
    return ByteString.copyFromUtf8(s);
  }

  static GetResponse get(String key) {
    return kv.get(GetRequest.newBuilder().setKey(b(key)).build());
  }

  static SetResponse set(SetRequest.Builder r) {
    return kv.set(r.build());
  }

  static SetRequest.Builder setReq(String k, String v) {
    return SetRequest.newBuilder().setKey(b(k)).setValue(b(v));
  }

  static Reply exec(int db, String... argv) {
    ExecuteRequest.Builder r = ExecuteRequest.newBuilder().setDb(db);
    for (String a : argv) r.addArgv(b(a));
    return kv.execute(r.build());
  }

  @Test
  void getOfMissingKeyHasNoValue() {
    assertThat(get("get:missing").hasValue()).isFalse();
  }

  @Test
  void setThenGet() {
    SetResponse r = set(setReq("set:k", "hello"));
    assertThat(r.getApplied()).isTrue();
    assertThat(r.hasPrevious()).isFalse();
    assertThat(get("set:k").getValue().toStringUtf8()).isEqualTo("hello");
  }

  @Test
  void binaryKeysAndValuesRoundTrip() {
    ByteString key = ByteString.copyFrom(new byte[] {0, (byte) 0xff, '\r', '\n'});
    ByteString value = ByteString.copyFrom(new byte[] {(byte) 0x80, 0, 1});
    kv.set(SetRequest.newBuilder().setKey(key).setValue(value).build());
    assertThat(kv.get(GetRequest.newBuilder().setKey(key).build()).getValue()).isEqualTo(value);
  }

  @Test
  void setNxAndXxReportWhetherTheyApplied() {
    assertThat(set(setReq("nx:k", "1").setXx(true)).getApplied()).isFalse();
    assertThat(get("nx:k").hasValue()).isFalse();
    assertThat(set(setReq("nx:k", "1").setNx(true)).getApplied()).isTrue();
    assertThat(set(setReq("nx:k", "2").setNx(true)).getApplied()).isFalse();
    assertThat(set(setReq("nx:k", "3").setXx(true)).getApplied()).isTrue();
    assertThat(get("nx:k").getValue().toStringUtf8()).isEqualTo("3");
  }

  @Test
  void setWithGetReturnsThePreviousValue() {
    SetResponse first = set(setReq("sg:k", "a").setGet(true));
    assertThat(first.hasPrevious()).isFalse();
    assertThat(first.getApplied()).isTrue();
    SetResponse second = set(setReq("sg:k", "b").setGet(true));
    assertThat(second.getPrevious().toStringUtf8()).isEqualTo("a");
    assertThat(second.getApplied()).isTrue();
    SetResponse nx = set(setReq("sg:k", "c").setGet(true).setNx(true));
    assertThat(nx.getPrevious().toStringUtf8()).isEqualTo("b");
    assertThat(nx.getApplied()).isFalse();
    assertThat(get("sg:k").getValue().toStringUtf8()).isEqualTo("b");
  }

  @Test
  void setExpiryOptionsAndTtl() {
    set(setReq("ttl:ex", "v").setExSeconds(100));
    long ms = kv.ttl(TtlRequest.newBuilder().setKey(b("ttl:ex")).build()).getTtlMs();
    assertThat(ms).isBetween(1L, 100_000L);
    set(setReq("ttl:px", "v").setPxMillis(50_000));
    assertThat(kv.ttl(TtlRequest.newBuilder().setKey(b("ttl:px")).build()).getTtlMs())
        .isBetween(1L, 50_000L);
    set(setReq("ttl:px", "w").setKeepttl(true));
    assertThat(kv.ttl(TtlRequest.newBuilder().setKey(b("ttl:px")).build()).getTtlMs())
        .isBetween(1L, 50_000L);
    long farFuture = 4_000_000_000_000L;
    set(setReq("ttl:pxat", "v").setPxatUnixMillis(farFuture));
    assertThat(kv.ttl(TtlRequest.newBuilder().setKey(b("ttl:pxat")).build()).getTtlMs())
        .isGreaterThan(1_000_000_000L);
    set(setReq("ttl:none", "v"));
    assertThat(kv.ttl(TtlRequest.newBuilder().setKey(b("ttl:none")).build()).getTtlMs()).isEqualTo(-1);
    assertThat(kv.ttl(TtlRequest.newBuilder().setKey(b("ttl:missing")).build()).getTtlMs()).isEqualTo(-2);
  }

  @Test
  void deleteCountsRemovedKeys() {
    set(setReq("del:a", "1"));
    set(setReq("del:b", "2"));
    long n = kv.delete(DeleteRequest.newBuilder().addKeys(b("del:a")).addKeys(b("del:b"))
        .addKeys(b("del:missing")).build()).getDeleted();
    assertThat(n).isEqualTo(2);
    assertThat(get("del:a").hasValue()).isFalse();
  }

  @Test
  void msetThenMgetKeepsOrderAndMissingSlots() {
    kv.mSet(MSetRequest.newBuilder()
        .addEntries(KeyValue.newBuilder().setKey(b("m:1")).setValue(b("one")))
        .addEntries(KeyValue.newBuilder().setKey(b("m:2")).setValue(b("two"))).build());
    MGetResponse r = kv.mGet(MGetRequest.newBuilder().addKeys(b("m:2")).addKeys(b("m:none"))
        .addKeys(b("m:1")).build());
    List<MaybeValue> v = r.getValuesList();
    assertThat(v).hasSize(3);
    assertThat(v.get(0).getValue().toStringUtf8()).isEqualTo("two");
    assertThat(v.get(1).hasValue()).isFalse();
    assertThat(v.get(2).getValue().toStringUtf8()).isEqualTo("one");
  }

  @Test
  void incrBy() {
    assertThat(kv.incrBy(IncrByRequest.newBuilder().setKey(b("incr:k")).setDelta(5).build())
        .getValue()).isEqualTo(5);
    assertThat(kv.incrBy(IncrByRequest.newBuilder().setKey(b("incr:k")).setDelta(-7).build())
        .getValue()).isEqualTo(-2);
  }

  @Test
  void expireInSecondsAndMillisWithConditions() {
    set(setReq("exp:k", "v"));
    ExpireRequest.Builder r = ExpireRequest.newBuilder().setKey(b("exp:k"));
    assertThat(kv.expire(r.clone().setSeconds(100).setCondition(ExpireRequest.Condition.XX)
        .build()).getApplied()).isFalse();
    assertThat(kv.expire(r.clone().setSeconds(100).setCondition(ExpireRequest.Condition.NX)
        .build()).getApplied()).isTrue();
    assertThat(kv.expire(r.clone().setMillis(5_000).setCondition(ExpireRequest.Condition.GT)
        .build()).getApplied()).isFalse();
    assertThat(kv.expire(r.clone().setMillis(5_000).setCondition(ExpireRequest.Condition.LT)
        .build()).getApplied()).isTrue();
    assertThat(kv.ttl(TtlRequest.newBuilder().setKey(b("exp:k")).build()).getTtlMs())
        .isBetween(1L, 5_000L);
    assertThat(kv.expire(ExpireRequest.newBuilder().setKey(b("exp:missing")).setSeconds(10)
        .build()).getApplied()).isFalse();
  }

  @Test
  void expireWithoutTtlIsInvalid() {
    assertThatThrownBy(() -> kv.expire(ExpireRequest.newBuilder().setKey(b("x")).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
  }

  @Test
  void databasesAreSeparate() {
    kv.set(setReq("db:k", "in3").setDb(3).build());
    assertThat(kv.get(GetRequest.newBuilder().setKey(b("db:k")).setDb(3).build())
        .getValue().toStringUtf8()).isEqualTo("in3");
    assertThat(get("db:k").hasValue()).isFalse();
    assertThat(exec(3, "GET", "db:k").getBulk().toStringUtf8()).isEqualTo("in3");
  }

  @Test
  void executeReturnsEveryReplyShape() {
    assertThat(exec(0, "SET", "ex:k", "v").getSimple()).isEqualTo("OK");
    assertThat(exec(0, "GET", "ex:k").getBulk().toStringUtf8()).isEqualTo("v");
    assertThat(exec(0, "GET", "ex:missing").hasNull()).isTrue();
    assertThat(exec(0, "INCRBY", "ex:n", "3").getInteger()).isEqualTo(3);
    Reply arr = exec(0, "MGET", "ex:k", "ex:missing");
    assertThat(arr.getArray().getItemsList()).hasSize(2);
    assertThat(arr.getArray().getItems(0).getBulk().toStringUtf8()).isEqualTo("v");
    assertThat(arr.getArray().getItems(1).hasNull()).isTrue();
    assertThat(exec(0, "PING").getSimple()).isEqualTo("PONG");
  }

  @Test
  void executeErrorsBecomeStatusesWithTheRedisText() {
    assertExecStatus(0, Status.Code.INVALID_ARGUMENT,
        "ERR unknown command 'NOSUCHCOMMAND', with args beginning with: 'a' ", "NOSUCHCOMMAND", "a");
    assertExecStatus(0, Status.Code.INVALID_ARGUMENT,
        "ERR wrong number of arguments for 'get' command", "GET");
    assertExecStatus(99, Status.Code.INVALID_ARGUMENT, "ERR DB index is out of range", "GET", "k");
  }

  private void assertExecStatus(int db, Status.Code code, String text, String... argv) {
    assertThatThrownBy(() -> exec(db, argv))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(code);
          assertThat(e.getStatus().getDescription()).isEqualTo(text);
        });
  }

  @Test
  void executeWithoutArgvIsInvalid() {
    assertThatThrownBy(() -> kv.execute(ExecuteRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
  }

  @Test
  void typedCallErrorsBecomeStatusesWithTheRedisText() {
    set(setReq("err:s", "not a number"));
    assertThatThrownBy(() -> kv.incrBy(IncrByRequest.newBuilder().setKey(b("err:s")).setDelta(1).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).isEqualTo("ERR value is not an integer or out of range");
        });
    assertThatThrownBy(() -> set(setReq("err:t", "v").setExSeconds(0)))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).isEqualTo("ERR invalid expire time in 'set' command");
        });
    assertThatThrownBy(() -> kv.delete(DeleteRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
          assertThat(e.getStatus().getDescription()).isEqualTo("ERR wrong number of arguments for 'del' command"));
    assertThatThrownBy(() -> kv.get(GetRequest.newBuilder().setKey(b("k")).setDb(16).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).isEqualTo("ERR DB index is out of range");
        });
  }

  @Test
  void writesAreVisibleToRespClientsOfTheSameNode() throws Exception {
    set(setReq("shared:k", "from-grpc"));
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", node.server.respPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write("GET shared:k\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String expected = "$9\r\nfrom-grpc\r\n";
      byte[] buf = s.getInputStream().readNBytes(expected.length());
      assertThat(new String(buf, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(expected);
    }
  }
}
