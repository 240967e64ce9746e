package io.kvstore.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import io.kvstore.proto.v1.InfoRequest;
import io.kvstore.proto.v1.KeyValue;
import io.kvstore.proto.v1.MSetRequest;
import io.kvstore.proto.v1.PingRequest;
import io.kvstore.proto.v1.ScanRequest;
import io.kvstore.proto.v1.ScanResponse;
import io.kvstore.server.RunningServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scan streaming, the Admin service, reflection and health over a real channel. */
class ScanAndAdminTest {
  @TempDir static Path dir;
  static RunningServer node;

  @BeforeAll
  static void start() {
    node = new RunningServer(dir);
    MSetRequest.Builder m = MSetRequest.newBuilder().setDb(2);
    for (int i = 0; i < 300; i++) {
      m.addEntries(KeyValue.newBuilder().setKey(ByteString.copyFromUtf8((i % 3 == 0 ? "user:" : "item:") + i))
          .setValue(ByteString.copyFromUtf8("v" + i)));
    }
    node.kv().mSet(m.build());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static List<ScanResponse> scan(ScanRequest r) {
    List<ScanResponse> pages = new ArrayList<>();
    Iterator<ScanResponse> it = node.kv().scan(r);
    it.forEachRemaining(pages::add);
    return pages;
  }

  static Set<String> keys(List<ScanResponse> pages) {
    Set<String> out = new HashSet<>();
    for (ScanResponse p : pages) p.getKeysList().forEach(k -> out.add(k.toStringUtf8()));
    return out;
  }

  @Test
  void scanStreamsEveryKeyInSeveralPagesEndingWithCursorZero() {
    List<ScanResponse> pages = scan(ScanRequest.newBuilder().setDb(2).setCount(20).build());
    assertThat(pages.size()).isGreaterThan(1);
    assertThat(pages.get(pages.size() - 1).getCursor()).isEqualTo("0");
    for (ScanResponse p : pages.subList(0, pages.size() - 1)) {
      assertThat(p.getCursor()).isNotEqualTo("0");
      assertThat(p.getKeysCount()).isPositive();
    }
    assertThat(keys(pages)).hasSize(300);
  }

  @Test
  void scanAppliesMatch() {
    Set<String> users = keys(scan(ScanRequest.newBuilder().setDb(2).setMatch("user:*").build()));
    assertThat(users).hasSize(100).allMatch(k -> k.startsWith("user:"));
  }

  @Test
  void scanOfAnEmptyDatabaseSendsOneFinalPage() {
    List<ScanResponse> pages = scan(ScanRequest.newBuilder().setDb(7).build());
    assertThat(pages).hasSize(1);
    assertThat(pages.get(0).getKeysCount()).isZero();
    assertThat(pages.get(0).getCursor()).isEqualTo("0");
  }

  @Test
  void scanWithBadArgumentsFailsWithRedisError() {
    Iterator<ScanResponse> it = node.kv().scan(ScanRequest.newBuilder().setDb(2).setCursor("notanumber").build());
    assertThatThrownBy(it::hasNext).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(e.getStatus().getDescription()).isEqualTo("ERR invalid cursor");
    });
  }

  @Test
  void ping() {
    assertThat(node.admin().ping(PingRequest.getDefaultInstance()).getMessage().toStringUtf8())
        .isEqualTo("PONG");
    assertThat(node.admin().ping(PingRequest.newBuilder().setMessage(ByteString.copyFromUtf8("hi"))
        .build()).getMessage().toStringUtf8()).isEqualTo("hi");
  }

  @Test
  void infoReturnsTheSectionText() {
    String text = node.admin().info(InfoRequest.newBuilder().setSection("server").build()).getText();
    assertThat(text).startsWith("# Server\r\n").contains("redis_version:7.0.15")
        .contains("tcp_port:" + node.server.respPort());
  }

  @Test
  void reflectionListsTheServices() throws Exception {
    CompletableFuture<List<String>> names = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> req = ServerReflectionGrpc.newStub(node.channel)
        .serverReflectionInfo(new StreamObserver<>() {
          @Override
          public void onNext(ServerReflectionResponse r) {
            names.complete(r.getListServicesResponse().getServiceList().stream()
                .map(ServiceResponse::getName).toList());
          }

          @Override
          public void onError(Throwable t) {
            names.completeExceptionally(t);
          }

          @Override
          public void onCompleted() {}
        });
    req.onNext(ServerReflectionRequest.newBuilder().setListServices("*").build());
    List<String> services = names.get(30, TimeUnit.SECONDS);
    req.onCompleted();
    assertThat(services).contains("kvstore.v1.KV", "kvstore.v1.Admin", "grpc.health.v1.Health");
  }

  @Test
  void healthReportsServing() {
    HealthCheckResponse r = HealthGrpc.newBlockingStub(node.channel)
        .check(HealthCheckRequest.newBuilder().setService("kvstore.v1.KV").build());
    assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
  }
}
