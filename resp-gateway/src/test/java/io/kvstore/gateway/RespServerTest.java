package io.kvstore.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.core.config.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The server over real sockets: limits, authentication, binding, backpressure, counters. */
class RespServerTest {

  @Test
  void maxclientsRejectsWithRedisErrorAndClose() throws Exception {
    Config config = new Config();
    config.set("maxclients", "1", true);
    try (ServerFixture f = new ServerFixture(config); RawClient a = new RawClient(f.port())) {
      a.send("PING\r\n");
      assertThat(a.read(7)).isEqualTo("+PONG\r\n");
      try (RawClient b = new RawClient(f.port())) {
        assertThat(b.readToEnd()).isEqualTo("-ERR max number of clients reached\r\n");
      }
      assertThat(f.node.stats().rejectedConnections).isEqualTo(1);
      a.close();
      awaitClients(f, 0);
      try (RawClient c = new RawClient(f.port())) {
        c.send("PING\r\n");
        assertThat(c.read(7)).isEqualTo("+PONG\r\n");
      }
    }
  }

  @Test
  void unauthenticatedLimitsApplyAfterAPipelinedAuth() throws Exception {
    Config config = new Config();
    config.set("requirepass", "pw", true);
    try (ServerFixture f = new ServerFixture(config)) {
      try (RawClient c = new RawClient(f.port())) {
        c.send("*2\r\n$4\r\nAUTH\r\n$2\r\npw\r\n" + multibulk("ECHO", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"));
        assertThat(c.read(5)).isEqualTo("+OK\r\n");
        String err = "-ERR wrong number of arguments for 'echo' command\r\n";
        assertThat(c.read(err.length())).isEqualTo(err);
        String big = "b".repeat(20_000);
        c.send(multibulk("ECHO", big));
        expect(c, "$20000\r\n" + big + "\r\n");
      }
      try (RawClient c = new RawClient(f.port())) {
        c.send("*2\r\n$4\r\nAUTH\r\n$5\r\nwrong\r\n*11\r\n");
        String wrong = "-WRONGPASS invalid username-password pair or user is disabled.\r\n";
        assertThat(c.readToEnd()).isEqualTo(wrong + "-ERR Protocol error: unauthenticated multibulk length\r\n");
      }
      try (RawClient c = new RawClient(f.port())) {
        c.send("*2\r\n$4\r\nECHO\r\n$16385\r\n");
        assertThat(c.readToEnd()).isEqualTo("-ERR Protocol error: unauthenticated bulk length\r\n");
      }
      try (RawClient c = new RawClient(f.port())) {
        c.send("*2\r\n$4\r\nECHO\r\n$16384\r\n" + "e".repeat(16384) + "\r\n");
        expect(c, "-NOAUTH Authentication required.\r\n");
      }
    }
  }

  @Test
  void queryBufferLimitClosesTheConnection() throws Exception {
    Config config = new Config();
    config.set("client-query-buffer-limit", "1mb", true);
    try (ServerFixture f = new ServerFixture(config); RawClient c = new RawClient(f.port())) {
      c.send("PING\r\n*2\r\n$4\r\nECHO\r\n$2000000\r\n");
      assertThat(c.read(7)).isEqualTo("+PONG\r\n");
      byte[] chunk = new byte[64 * 1024];
      try {
        for (int i = 0; i < 40; i++) c.send(chunk);
      } catch (IOException closedWhileSending) {
        // the server may close before everything is written
      }
      assertThat(c.readToEnd()).isEmpty();
    }
  }

  @Test
  void protoMaxBulkLenIsReadAtEachRequest() throws Exception {
    try (ServerFixture f = new ServerFixture()) {
      try (RawClient c = new RawClient(f.port())) {
        c.send(multibulk("ECHO", "x".repeat(1_500_000)));
        expect(c, "$1500000\r\n" + "x".repeat(1_500_000) + "\r\n");
      }
      f.config.set("proto-max-bulk-len", "1mb", false);
      try (RawClient c = new RawClient(f.port())) {
        c.send("*2\r\n$4\r\nECHO\r\n$1500000\r\n");
        assertThat(c.readToEnd()).isEqualTo("-ERR Protocol error: invalid bulk length\r\n");
      }
    }
  }

  @Test
  void tooBigInlineRequestOverTheSocket() throws Exception {
    try (ServerFixture f = new ServerFixture(); RawClient c = new RawClient(f.port())) {
      c.send("PING\r\n" + "A".repeat(70_000));
      assertThat(c.readToEnd()).isEqualTo("+PONG\r\n-ERR Protocol error: too big inline request\r\n");
    }
  }

  @Test
  void bigValuesRoundTrip() throws Exception {
    try (ServerFixture f = new ServerFixture(); RawClient c = new RawClient(f.port())) {
      byte[] value = new byte[3_000_000];
      new java.util.SplittableRandom(5).nextBytes(value);
      String v = new String(value, StandardCharsets.ISO_8859_1);
      c.send(multibulk("SET", "big", v));
      assertThat(c.read(5)).isEqualTo("+OK\r\n");
      c.send("GET big\r\n");
      assertThat(c.read(10)).isEqualTo("$3000000\r\n");
      expect(c, v);
      assertThat(c.read(2)).isEqualTo("\r\n");
    }
  }

  @Test
  void aClientThatDoesNotReadStillGetsEveryReplyInOrder() throws Exception {
    try (ServerFixture f = new ServerFixture(); RawClient c = new RawClient(f.port())) {
      String v = "v".repeat(100_000);
      c.send(multibulk("SET", "k", v));
      assertThat(c.read(5)).isEqualTo("+OK\r\n");
      int n = 300; // 30 MB of replies, far above the write buffer high water mark
      StringBuilder req = new StringBuilder();
      for (int i = 0; i < n; i++) req.append("GET k\r\nECHO ").append(i).append("\r\n");
      c.send(req.toString());
      for (int i = 0; i < n; i++) {
        expect(c, "$100000\r\n" + v + "\r\n");
        expect(c, "$" + String.valueOf(i).length() + "\r\n" + i + "\r\n");
      }
    }
  }

  @Test
  void aLongPipelineStreamedWhileReadingIsAnsweredCompletely() throws Exception {
    try (ServerFixture f = new ServerFixture(); RawClient c = new RawClient(f.port())) {
      int n = 200_000;
      byte[] chunk = "*2\r\n$4\r\nINCR\r\n$1\r\nc\r\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);
      Thread writer = new Thread(() -> {
        try {
          for (int i = 0; i < n / 1000; i++) c.send(chunk);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      writer.start();
      for (int i = 1; i <= n; i++) {
        String want = ":" + i + "\r\n";
        String got = c.read(want.length());
        if (!got.equals(want)) throw new AssertionError("reply " + i + ": " + Golden.escape(got));
      }
      writer.join();
    }
  }

  @Test
  void countsNetworkBytes() throws Exception {
    try (ServerFixture f = new ServerFixture(); RawClient c = new RawClient(f.port())) {
      long in0 = f.node.stats().netInputBytes.sum();
      long out0 = f.node.stats().netOutputBytes.sum();
      c.send("*1\r\n$4\r\nPING\r\n"); // 14 bytes
      assertThat(c.read(7)).isEqualTo("+PONG\r\n");
      assertThat(f.node.stats().netInputBytes.sum() - in0).isEqualTo(14);
      assertThat(f.node.stats().netOutputBytes.sum() - out0).isEqualTo(7);
    }
  }

  @Test
  void bindsEveryAddressOnTheSamePortAndSkipsOptionalOnes() throws Exception {
    try (ServerFixture f = new ServerFixture(new Config(), "127.0.0.1 127.0.0.2 -192.0.2.77")) {
      assertThat(f.address.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
      assertThat(f.node.tcpPort()).isEqualTo(f.port());
      for (String host : new String[] {"127.0.0.1", "127.0.0.2"}) {
        try (java.net.Socket s = new java.net.Socket(host, f.port())) {
          s.setSoTimeout(10_000);
          s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
          assertThat(new String(s.getInputStream().readNBytes(7), StandardCharsets.US_ASCII)).isEqualTo("+PONG\r\n");
        }
      }
    }
  }

  @Test
  void idleClientsAreClosedAfterTimeout() throws Exception {
    Config config = new Config();
    config.set("timeout", "1", true);
    try (ServerFixture f = new ServerFixture(config); RawClient c = new RawClient(f.port())) {
      c.send("PING\r\n");
      assertThat(c.read(7)).isEqualTo("+PONG\r\n");
      assertThat(c.readToEnd()).isEmpty(); // closed by the server, within the socket timeout
      awaitClients(f, 0);
    }
  }

  @Test
  void closingTheServerClosesClients() throws Exception {
    ServerFixture f = new ServerFixture();
    try (RawClient c = new RawClient(f.port())) {
      c.send("PING\r\n");
      assertThat(c.read(7)).isEqualTo("+PONG\r\n");
      f.close();
      assertThat(c.readToEnd()).isEmpty();
    }
  }

  @Test
  void sessionsAreForgottenWhenClientsLeave() throws Exception {
    try (ServerFixture f = new ServerFixture()) {
      for (int i = 0; i < 5; i++) {
        try (RawClient c = new RawClient(f.port())) {
          c.send("PING\r\n");
          assertThat(c.read(7)).isEqualTo("+PONG\r\n");
          String addr = f.onEngine(e -> e.node().clients().all().iterator().next().connection().remoteAddress());
          assertThat(addr).isEqualTo("127.0.0.1:" + c.socket.getLocalPort());
        }
        awaitClients(f, 0);
      }
    }
  }

  // ------------------------------------------------------------------ helpers

  static String multibulk(String... args) {
    StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
    for (String a : args) sb.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
    return sb.toString();
  }

  /** Polls the engine until the client count is reached (bounded; fails after 10 s). */
  static void awaitClients(ServerFixture f, int n) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (f.onEngine(e -> e.node().clients().size()) != n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("client count did not reach " + n);
      }
      Thread.sleep(10);
    }
  }

  /** Reads exactly the expected bytes; on a mismatch reports only the first difference. */
  static void expect(RawClient c, String expected) throws IOException {
    String got = c.read(expected.length());
    if (got.equals(expected)) return;
    int i = 0;
    while (i < Math.min(got.length(), expected.length()) && got.charAt(i) == expected.charAt(i)) i++;
    int from = Math.max(0, i - 20);
    throw new AssertionError("differs at byte " + i + " of " + expected.length() + ": expected ..."
        + Golden.escape(expected.substring(from, Math.min(expected.length(), i + 20))) + "... got ..."
        + Golden.escape(got.substring(from, Math.min(got.length(), i + 20))) + "...");
  }
}
