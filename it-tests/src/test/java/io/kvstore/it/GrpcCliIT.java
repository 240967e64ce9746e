package io.kvstore.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** `kvstore client --grpc` (a separate process) and RESP clients see the same data. */
class GrpcCliIT {
  @TempDir static Path dir;
  static KvstoreProcess server;

  @BeforeAll
  static void start() throws Exception {
    server = new KvstoreProcess(dir.resolve("kv")).start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static Tools.Result client(String... args) throws Exception {
    String[] cmd = new String[args.length + 6];
    cmd[0] = KvstoreProcess.javaBin();
    cmd[1] = "-jar";
    cmd[2] = KvstoreProcess.jar().toString();
    cmd[3] = "client";
    cmd[4] = "--grpc";
    cmd[5] = "127.0.0.1:" + server.grpcPort();
    System.arraycopy(args, 0, cmd, 6, args.length);
    return Tools.run(Duration.ofSeconds(60), null, cmd);
  }

  @Test
  void grpcAndRespShareData() throws Exception {
    assertThat(client("set", "greeting", "hello").stdout().trim()).isEqualTo("OK");
    try (Jedis j = new Jedis("127.0.0.1", server.port())) {
      assertThat(j.get("greeting")).isEqualTo("hello");
      j.set("counter", "41");
    }
    assertThat(client("get", "greeting").stdout().trim()).isEqualTo("\"hello\"");
    assertThat(client("incr", "counter").stdout().trim()).isEqualTo("(integer) 42");
    assertThat(client("exec", "strlen", "greeting").stdout().trim()).isEqualTo("(integer) 5");
    Tools.Result err = client("exec", "incr", "greeting");
    assertThat(err.exitCode()).isNotZero();
    assertThat(err.stdout()).contains("ERR value is not an integer or out of range");
    assertThat(client("ping").stdout().trim()).isEqualTo("PONG");
    assertThat(client("get", "missing").stdout().trim()).isEqualTo("(nil)");
  }
}
