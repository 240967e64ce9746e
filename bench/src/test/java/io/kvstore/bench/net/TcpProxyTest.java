package io.kvstore.bench.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TcpProxyTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static String read(InputStream in, int n) throws Exception {
    return new String(in.readNBytes(n), StandardCharsets.US_ASCII);
  }

  @Test
  void forwardsBothWaysAndPassesTheEndOfStream() throws Exception {
    try (ServerSocket upstream = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        TcpProxy proxy = new TcpProxy("t", new InetSocketAddress("127.0.0.1", 0),
            new InetSocketAddress("127.0.0.1", upstream.getLocalPort()));
        Socket client = new Socket("127.0.0.1", proxy.port());
        Socket server = upstream.accept()) {
      client.getOutputStream().write(bytes("ping"));
      assertThat(read(server.getInputStream(), 4)).isEqualTo("ping");
      server.getOutputStream().write(bytes("pong"));
      assertThat(read(client.getInputStream(), 4)).isEqualTo("pong");
      client.shutdownOutput();
      assertThat(server.getInputStream().read()).isEqualTo(-1);
    }
  }

  @Test
  void aBlockedLinkHoldsBytesUntilUnblockedInOrder() throws Exception {
    try (ServerSocket upstream = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        TcpProxy proxy = new TcpProxy("t", new InetSocketAddress("127.0.0.1", 0),
            new InetSocketAddress("127.0.0.1", upstream.getLocalPort()));
        Socket client = new Socket("127.0.0.1", proxy.port());
        Socket server = upstream.accept()) {
      OutputStream out = client.getOutputStream();
      out.write(bytes("a"));
      assertThat(read(server.getInputStream(), 1)).isEqualTo("a");
      proxy.block();
      assertThat(proxy.isBlocked()).isTrue();
      out.write(bytes("bc"));
      server.setSoTimeout(300);
      assertThatThrownBy(() -> server.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
      proxy.unblock();
      server.setSoTimeout(5000);
      assertThat(read(server.getInputStream(), 2)).isEqualTo("bc");
    }
  }

  @Test
  void aConnectionMadeWhileBlockedReachesTheTargetOnlyAfterUnblock() throws Exception {
    try (ServerSocket upstream = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        TcpProxy proxy = new TcpProxy("t", new InetSocketAddress("127.0.0.1", 0),
            new InetSocketAddress("127.0.0.1", upstream.getLocalPort()))) {
      proxy.block();
      try (Socket client = new Socket("127.0.0.1", proxy.port())) {
        client.getOutputStream().write(bytes("hello"));
        upstream.setSoTimeout(300);
        assertThatThrownBy(upstream::accept).isInstanceOf(SocketTimeoutException.class);
        proxy.unblock();
        upstream.setSoTimeout(5000);
        try (Socket server = upstream.accept()) {
          assertThat(read(server.getInputStream(), 5)).isEqualTo("hello");
        }
      }
    }
  }

  @Test
  void droppingConnectionsClosesBothEnds() throws Exception {
    try (ServerSocket upstream = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        TcpProxy proxy = new TcpProxy("t", new InetSocketAddress("127.0.0.1", 0),
            new InetSocketAddress("127.0.0.1", upstream.getLocalPort()));
        Socket client = new Socket("127.0.0.1", proxy.port());
        Socket server = upstream.accept()) {
      client.getOutputStream().write(bytes("x"));
      assertThat(read(server.getInputStream(), 1)).isEqualTo("x");
      proxy.dropConnections();
      server.setSoTimeout(5000);
      assertThat(server.getInputStream().read()).isEqualTo(-1);
    }
  }
}
