package io.kvstore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.kvstore.core.config.Config;
import io.kvstore.persistence.SyncPolicy;
import io.kvstore.proto.v1.ExecuteRequest;
import io.kvstore.proto.v1.GetRequest;
import io.kvstore.proto.v1.Reply;
import io.kvstore.proto.v1.SetRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Composition and lifecycle of a node: ports, log, pid file, restart, SHUTDOWN, config hooks. */
class KvstoreServerTest {
  @TempDir Path dir;

  static ByteString b(String s) {
    return ByteString.copyFromUtf8(s);
  }

  static Reply exec(RunningServer s, String... argv) {
    ExecuteRequest.Builder r = ExecuteRequest.newBuilder();
    for (String a : argv) r.addArgv(b(a));
    return s.kv().execute(r.build());
  }

  @Test
  void startsOnEphemeralPortsAndLogsLikeRedis() {
    Path pid = dir.resolve("kv.pid");
    try (RunningServer s = new RunningServer(dir.resolve("data"), "pidfile", pid.toString())) {
      assertThat(s.server.respPort()).isPositive();
      assertThat(s.server.grpcPort()).isPositive().isNotEqualTo(s.server.respPort());
      assertThat(s.server.node().tcpPort()).isEqualTo(s.server.respPort());
      assertThat(s.log()).contains("* Ready to accept connections tcp")
          .containsPattern("\\d+:M \\d\\d \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d\\.\\d{3} # Server initialized");
      assertThat(pid).hasContent(Long.toString(ProcessHandle.current().pid()));
      s.close();
      assertThat(pid).doesNotExist();
      assertThat(s.log()).contains("kvstore is now ready to exit, bye bye...");
    }
  }

  @Test
  void dataSurvivesARestart() {
    Path data = dir.resolve("data");
    try (RunningServer s = new RunningServer(data)) {
      s.kv().set(SetRequest.newBuilder().setKey(b("k")).setValue(b("v")).setDb(4).build());
    }
    try (RunningServer s = new RunningServer(data)) {
      assertThat(s.kv().get(GetRequest.newBuilder().setKey(b("k")).setDb(4).build())
          .getValue().toStringUtf8()).isEqualTo("v");
    }
  }

  @Test
  void shutdownCommandStopsTheNodeAndRequestsExitZero() throws Exception {
    Path data = dir.resolve("data");
    RunningServer s = new RunningServer(data);
    try {
      s.kv().set(SetRequest.newBuilder().setKey(b("k")).setValue(b("kept")).build());
      try {
        exec(s, "SHUTDOWN");
      } catch (io.grpc.StatusRuntimeException closedByShutdown) {
        // the node stops its listeners before the call could be answered, as Redis closes the link
      }
      assertThat(s.server.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      assertThat(s.exit.get(30, TimeUnit.SECONDS)).isZero();
      assertThat(s.log()).contains("User requested shutdown...");
    } finally {
      s.close();
    }
    try (RunningServer again = new RunningServer(data)) {
      assertThat(again.kv().get(GetRequest.newBuilder().setKey(b("k")).build())
          .getValue().toStringUtf8()).isEqualTo("kept");
    }
  }

  @Test
  void configSetAppendfsyncReachesTheStore() {
    try (RunningServer s = new RunningServer(dir.resolve("data"), "appendfsync", "no")) {
      assertThat(s.server.store().syncPolicy()).isEqualTo(SyncPolicy.of("no"));
      assertThat(exec(s, "CONFIG", "SET", "appendfsync", "always").getSimple()).isEqualTo("OK");
      assertThat(s.server.store().syncPolicy()).isEqualTo(SyncPolicy.of("always"));
      assertThat(s.server.store().current().syncPolicy()).isEqualTo(SyncPolicy.of("always"));
    }
  }

  @Test
  void theDataLivesInTheCurrentDatasetDirectory() throws Exception {
    Path data = dir.resolve("data");
    try (RunningServer s = new RunningServer(data)) {
      assertThat(s.server.store().current().directory()).isEqualTo(data.resolve("dataset-1"));
    }
    assertThat(Files.readString(data.resolve("CURRENT-DATASET")).trim()).isEqualTo("dataset-1");
  }

  @Test
  void saveFlushesTheStore() {
    try (RunningServer s = new RunningServer(dir.resolve("data"))) {
      s.kv().set(SetRequest.newBuilder().setKey(b("k")).setValue(b("v")).build());
      assertThat(exec(s, "SAVE").getSimple()).isEqualTo("OK");
    }
  }

  @Test
  void portInUseFailsStartupAndReleasesEverything() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Config config = new Config();
      config.set("dir", dir.resolve("data").toString(), true);
      config.set("port", Integer.toString(taken.getLocalPort()), true);
      config.set("grpc-port", "0", true);
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      KvstoreServer.Options options = new KvstoreServer.Options(false, code -> { },
          new PrintStream(log, true), null);
      assertThatThrownBy(() -> KvstoreServer.start(config, options))
          .isInstanceOf(KvstoreServer.StartupException.class)
          .hasMessageContaining("Failed listening on port " + taken.getLocalPort());
      assertThat(log.toString()).contains("# Warning: Could not create server TCP listening socket");
    }
    // the store was closed: the same directory opens again
    try (RunningServer s = new RunningServer(dir.resolve("data"))) {
      assertThat(s.server.respPort()).isPositive();
    }
  }

  @Test
  void grpcCanBeDisabledWithPortZeroInProcessMode() {
    Config config = new Config();
    config.set("dir", dir.resolve("data").toString(), true);
    config.set("port", "0", true);
    config.set("grpc-port", "0", true);
    KvstoreServer.Options options = new KvstoreServer.Options(false, code -> { },
        new PrintStream(new ByteArrayOutputStream(), true), null);
    KvstoreServer s = KvstoreServer.start(config, options);
    try {
      assertThat(s.grpcPort()).isZero();
      assertThat(s.respPort()).isZero();
    } finally {
      s.close();
    }
    assertThat(Files.exists(dir.resolve("data"))).isTrue();
  }
}
