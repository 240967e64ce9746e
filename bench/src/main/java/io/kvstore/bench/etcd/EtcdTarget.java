package io.kvstore.bench.etcd;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * etcd's v3 API over gRPC: each session is its own channel (one HTTP/2 connection) to the node
 * its client index picks, making blocking unary Put and Range calls like any synchronous client.
 */
public final class EtcdTarget implements Target {
  private final Endpoints endpoints;
  private final long timeoutMs;

  public EtcdTarget(Endpoints endpoints, long timeoutMs) {
    this.endpoints = endpoints;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public String name() {
    return "etcd";
  }

  @Override
  public Session open(int index) {
    InetSocketAddress node = endpoints.forClient(index);
    ManagedChannel channel = NettyChannelBuilder.forAddress(node.getHostString(), node.getPort())
        .usePlaintext()
        .maxInboundMessageSize(16 << 20)
        .build();
    return new EtcdSession(channel, timeoutMs);
  }

  private static final class EtcdSession implements Session {
    private final ManagedChannel channel;
    private final long timeoutMs;

    EtcdSession(ManagedChannel channel, long timeoutMs) {
      this.channel = channel;
      this.timeoutMs = timeoutMs;
    }

    private CallOptions options() {
      return CallOptions.DEFAULT.withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void put(byte[] key, byte[] value) {
      ClientCalls.blockingUnaryCall(channel, EtcdKv.PUT, options(), EtcdKv.putRequest(key, value));
    }

    @Override
    public byte[] get(byte[] key) throws Exception {
      return EtcdKv.firstValue(ClientCalls.blockingUnaryCall(channel, EtcdKv.RANGE, options(), EtcdKv.rangeRequest(key)));
    }

    @Override
    public void close() {
      channel.shutdownNow();
      try {
        channel.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
