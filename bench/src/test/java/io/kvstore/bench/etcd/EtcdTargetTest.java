package io.kvstore.bench.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.CodedInputStream;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** EtcdTarget against gRPC servers that decode etcd's KV messages independently of EtcdKv. */
class EtcdTargetTest {
  private final Map<String, byte[]> data = new ConcurrentHashMap<>();
  private Server a;
  private Server b;
  private final AtomicLong callsA = new AtomicLong();
  private final AtomicLong callsB = new AtomicLong();

  private Server start(AtomicLong calls) throws Exception {
    ServerServiceDefinition kv = ServerServiceDefinition.builder("etcdserverpb.KV")
        .addMethod(EtcdKv.PUT, ServerCalls.asyncUnaryCall((req, obs) -> {
          calls.incrementAndGet();
          try {
            byte[][] f = fields(req);
            if (f[1] == null || new String(f[0], StandardCharsets.US_ASCII).startsWith("bad")) {
              obs.onError(Status.FAILED_PRECONDITION.withDescription("refused").asRuntimeException());
              return;
            }
            data.put(new String(f[0], StandardCharsets.US_ASCII), f[1]);
            obs.onNext(new byte[0]);
            obs.onCompleted();
          } catch (Exception e) {
            obs.onError(e);
          }
        }))
        .addMethod(EtcdKv.RANGE, ServerCalls.asyncUnaryCall((req, obs) -> {
          calls.incrementAndGet();
          try {
            byte[][] f = fields(req);
            String key = new String(f[0], StandardCharsets.US_ASCII);
            byte[] v = data.get(key);
            obs.onNext(EtcdKvTest.rangeResponse(v == null ? null : f[0], v));
            obs.onCompleted();
          } catch (Exception e) {
            obs.onError(e);
          }
        }))
        .build();
    return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(kv).build().start();
  }

  /** Fields 1 and 2 of a request; fails on any other field (a Range with serializable set, say). */
  private static byte[][] fields(byte[] req) throws Exception {
    CodedInputStream in = CodedInputStream.newInstance(req);
    byte[][] f = new byte[2][];
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      int field = tag >>> 3;
      if (field != 1 && field != 2) throw new IllegalArgumentException("unexpected field " + field);
      f[field - 1] = in.readByteArray();
    }
    return f;
  }

  @AfterEach
  void stop() {
    if (a != null) a.shutdownNow();
    if (b != null) b.shutdownNow();
  }

  @Test
  void putThenLinearizableGetRoundTripsAndClientsAlternateNodes() throws Exception {
    a = start(callsA);
    b = start(callsB);
    Endpoints eps = new Endpoints(List.of(InetSocketAddress.createUnresolved("127.0.0.1", a.getPort()),
        InetSocketAddress.createUnresolved("127.0.0.1", b.getPort())));
    try (EtcdTarget t = new EtcdTarget(eps, 5000)) {
      KeySpace keys = new KeySpace(10, 100);
      try (Target.Session s0 = t.open(0); Target.Session s1 = t.open(1)) {
        s0.put(keys.key(3), keys.value());
        assertThat(callsA.get()).isEqualTo(1);
        assertThat(callsB.get()).isZero();
        assertThat(keys.isValue(s1.get(keys.key(3)))).isTrue();
        assertThat(callsB.get()).isEqualTo(1);
        assertThat(s1.get(keys.key(4))).isNull();
      }
    }
  }

  @Test
  void aServerErrorSurfacesAsAnException() throws Exception {
    a = start(callsA);
    Endpoints eps = Endpoints.parse("127.0.0.1:" + a.getPort());
    try (EtcdTarget t = new EtcdTarget(eps, 5000); Target.Session s = t.open(0)) {
      assertThatThrownBy(() -> s.put("bad".getBytes(StandardCharsets.US_ASCII), new byte[] {1}))
          .isInstanceOf(StatusRuntimeException.class).hasMessageContaining("FAILED_PRECONDITION");
      assertThat(data).isEmpty();
    }
  }
}
