package io.kvstore.server;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.kvstore.core.config.Config;
import io.kvstore.proto.v1.AdminGrpc;
import io.kvstore.proto.v1.KVGrpc;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real node in this JVM (RocksDB in a temp dir, RESP and gRPC on ephemeral loopback ports)
 * and a real Netty gRPC channel to it. Exit requests (SHUTDOWN) are recorded, not executed.
 */
public final class RunningServer implements AutoCloseable {
  public final KvstoreServer server;
  public final ManagedChannel channel;
  /** Completed with the exit code when the node asks for the process to exit (SHUTDOWN). */
  public final CompletableFuture<Integer> exit = new CompletableFuture<>();
  public final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();

  public RunningServer(Path dir, String... settings) {
    Config config = new Config();
    config.set("dir", dir.toString(), true);
    config.set("port", "0", true);
    config.set("grpc-port", "0", true);
    config.set("bind", "127.0.0.1", true);
    for (int i = 0; i + 1 < settings.length; i += 2) config.set(settings[i], settings[i + 1], true);
    PrintStream console = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
    server = KvstoreServer.start(config,
        new KvstoreServer.Options(true, exit::complete, console, null));
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.grpcPort()).usePlaintext().build();
  }

  public String log() {
    return logBytes.toString(StandardCharsets.UTF_8);
  }

  public KVGrpc.KVBlockingStub kv() {
    return KVGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  public AdminGrpc.AdminBlockingStub admin() {
    return AdminGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  public KVGrpc.KVBlockingStub kv(String header, String value) {
    Metadata md = new Metadata();
    md.put(Metadata.Key.of(header, Metadata.ASCII_STRING_MARSHALLER), value);
    return kv().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md));
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.close();
  }
}
