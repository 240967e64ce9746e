package io.kvstore.server.grpc;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.kvstore.core.engine.EngineLoop;
import io.kvstore.proto.v1.AdminGrpc;
import io.kvstore.proto.v1.KVGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The node's gRPC listener (Netty): the KV and Admin services, the standard health service
 * and server reflection (v1 and v1alpha, so grpcurl and similar tools can list and call
 * everything without the .proto files).
 */
public final class GrpcServer implements AutoCloseable {
  private final EngineLoop loop;
  private final int maxMessageBytes;
  private final HealthStatusManager health = new HealthStatusManager();
  private final ExecutorService executor;
  private Server server;

  public GrpcServer(EngineLoop loop, int maxMessageBytes) {
    this.loop = loop;
    this.maxMessageBytes = maxMessageBytes;
    AtomicInteger n = new AtomicInteger();
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "kvstore-grpc-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Binds every address of {@code bind} (Redis syntax: space separated, "*" for any, a leading
   * "-" marks an optional address) on {@code port} (0 = an ephemeral port) and starts serving.
   * Returns the address actually bound first.
   */
  public InetSocketAddress start(String bind, int port) {
    List<InetSocketAddress> addresses = addresses(bind, port);
    NettyServerBuilder b = NettyServerBuilder.forAddress(addresses.get(0));
    for (int i = 1; i < addresses.size(); i++) b.addListenAddress(addresses.get(i));
    EngineCaller caller = new EngineCaller(loop);
    CallIdentityInterceptor identity = new CallIdentityInterceptor();
    b.executor(executor)
        .maxInboundMessageSize(maxMessageBytes)
        .addService(ServerInterceptors.intercept(new KvService(caller, executor), identity))
        .addService(ServerInterceptors.intercept(new AdminService(caller, executor), identity))
        .addService(health.getHealthService())
        .addService(ProtoReflectionServiceV1.newInstance())
        .addService(reflectionV1Alpha());
    try {
      server = b.build().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    health.setStatus("", io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
    health.setStatus(KVGrpc.SERVICE_NAME, io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
    health.setStatus(AdminGrpc.SERVICE_NAME, io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
    return (InetSocketAddress) server.getListenSockets().get(0);
  }

  @SuppressWarnings("deprecation")
  private static io.grpc.BindableService reflectionV1Alpha() {
    return ProtoReflectionService.newInstance();
  }

  static List<InetSocketAddress> addresses(String bind, int port) {
    List<InetSocketAddress> out = new ArrayList<>();
    for (String a : bind.trim().split("\\s+")) {
      if (a.isEmpty()) continue;
      String host = a.startsWith("-") ? a.substring(1) : a;
      if (host.equals("*")) {
        out.add(new InetSocketAddress(port));
      } else if (host.equals("::*")) {
        out.add(new InetSocketAddress("::", port));
      } else {
        out.add(new InetSocketAddress(host, port));
      }
    }
    if (out.isEmpty()) out.add(new InetSocketAddress(port));
    return out;
  }

  public int port() {
    return server == null ? 0 : server.getPort();
  }

  /** Stops accepting, cancels calls in flight and waits briefly for the transport to close. */
  @Override
  public void close() {
    health.enterTerminalState();
    if (server != null) {
      server.shutdownNow();
      try {
        server.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    executor.shutdownNow();
  }
}
