package io.kvstore.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.kvstore.proto.v1.ExecuteRequest;
import io.kvstore.proto.v1.GetRequest;
import io.kvstore.proto.v1.SetRequest;
import io.kvstore.server.RunningServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** requirepass: the password travels as call metadata and is checked by the engine's AUTH. */
class AuthTest {
  @TempDir static Path dir;
  static RunningServer node;

  @BeforeAll
  static void start() {
    node = new RunningServer(dir, "requirepass", "s3cret");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static GetRequest get = GetRequest.newBuilder().setKey(ByteString.copyFromUtf8("k")).build();

  @Test
  void missingPasswordIsUnauthenticated() {
    assertThatThrownBy(() -> node.kv().get(get))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
          assertThat(e.getStatus().getDescription()).isEqualTo("NOAUTH Authentication required.");
        });
    assertThatThrownBy(() -> node.kv().execute(ExecuteRequest.newBuilder()
        .addArgv(ByteString.copyFromUtf8("PING")).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
  }

  @Test
  void wrongPasswordIsPermissionDenied() {
    assertThatThrownBy(() -> node.kv("authorization", "nope").get(get))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
          assertThat(e.getStatus().getDescription())
              .isEqualTo("WRONGPASS invalid username-password pair or user is disabled.");
        });
  }

  @Test
  void rightPasswordInEitherHeaderWorks() {
    node.kv("authorization", "s3cret").set(SetRequest.newBuilder()
        .setKey(ByteString.copyFromUtf8("k")).setValue(ByteString.copyFromUtf8("v")).build());
    assertThat(node.kv("password", "s3cret").get(get).getValue().toStringUtf8()).isEqualTo("v");
    assertThat(node.kv("authorization", "Bearer s3cret").get(get).getValue().toStringUtf8())
        .isEqualTo("v");
  }
}
