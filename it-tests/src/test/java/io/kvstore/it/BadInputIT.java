package io.kvstore.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import redis.clients.jedis.Jedis;

/**
 * Malformed input over a real socket gets Redis's exact protocol error and a closed connection;
 * the server keeps serving everyone else and its data stays intact.
 */
class BadInputIT {
  @TempDir static Path dir;
  static KvstoreProcess server;
  static RealRedis redis;

  @BeforeAll
  static void start() throws Exception {
    server = new KvstoreProcess(dir.resolve("kv")).start();
    redis = new RealRedis(dir.resolve("redis"));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    redis.close();
  }

  /** Sends raw bytes and returns everything the server writes until it closes or goes quiet. */
  static String exchange(int port, byte[] input) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(1500);
      s.getOutputStream().write(input);
      s.getOutputStream().flush();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[4096];
      try {
        int n;
        while ((n = in.read(buf)) > 0) out.write(buf, 0, n);
        out.write("<closed>".getBytes(StandardCharsets.US_ASCII));
      } catch (SocketTimeoutException open) {
        out.write("<open>".getBytes(StandardCharsets.US_ASCII));
      }
      return out.toString(StandardCharsets.ISO_8859_1);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "*1\\r\\n+PING\\r\\n",
      "*x\\r\\n",
      "*-5\\r\\nPING\\r\\n",
      "*2\\r\\n$3\\r\\nGET\\r\\n$-1\\r\\n",
      "*2\\r\\n$3\\r\\nGET\\r\\n$abc\\r\\n",
      "*1\\r\\n$4\\r\\nPINGxx",
      "*3000000\\r\\n",
      "*1\\r\\n$999999999999\\r\\n",
      "PING\\r\\nSET \"a b\\r\\n",
      "PING\\r\\n*1\\r\\n$4\\r\\nPING\\r\\n*2\\r\\n$4\\r\\nECHO\\r\\n$2\\r\\nhi\\r\\n",
      "SET k v\\r\\nGET k\\r\\nINCR k\\r\\n",
  })
  void sameBytesAsRedis(String escaped) throws IOException {
    byte[] input = escaped.replace("\\r", "\r").replace("\\n", "\n").getBytes(StandardCharsets.ISO_8859_1);
    assertThat(exchange(server.port(), input)).isEqualTo(exchange(redis.port(), input));
  }

  @Test
  void hugeDeclaredBulkIsNotAllocatedAndServerStaysUp() throws IOException {
    // 500 MB declared, a few bytes sent: must not allocate, must keep serving others.
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.getOutputStream().write("*2\r\n$3\r\nGET\r\n$524288000\r\nabc".getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      for (int i = 0; i < 20; i++) {
        try (Socket s2 = new Socket("127.0.0.1", server.port())) {
          s2.getOutputStream().write("*2\r\n$3\r\nGET\r\n$524288000\r\nabc".getBytes(StandardCharsets.US_ASCII));
          try (Jedis j = new Jedis("127.0.0.1", server.port())) {
            assertThat(j.ping()).isEqualTo("PONG");
          }
        }
      }
    }
    try (Jedis j = new Jedis("127.0.0.1", server.port())) {
      assertThat(j.info("memory")).contains("used_memory:");
    }
  }

  @Test
  void randomGarbageNeverKillsTheServerOrCorruptsData() throws IOException {
    try (Jedis j = new Jedis("127.0.0.1", server.port())) {
      j.set("sentinel-key", "intact");
    }
    Random rnd = new Random(7);
    for (int round = 0; round < 200; round++) {
      byte[] junk = new byte[1 + rnd.nextInt(300)];
      rnd.nextBytes(junk);
      if (rnd.nextBoolean()) junk[0] = (byte) "*$+-:"
          .charAt(rnd.nextInt(5));
      try (Socket s = new Socket("127.0.0.1", server.port())) {
        s.setSoTimeout(200);
        s.getOutputStream().write(junk);
        try {
          s.getInputStream().read(new byte[1024]);
        } catch (IOException ignored) {
          // either an error reply, a close, or nothing yet
        }
      }
    }
    try (Jedis j = new Jedis("127.0.0.1", server.port())) {
      assertThat(j.get("sentinel-key")).isEqualTo("intact");
      assertThat(j.ping()).isEqualTo("PONG");
    }
    assertThat(server.isAlive()).isTrue();
  }
}
