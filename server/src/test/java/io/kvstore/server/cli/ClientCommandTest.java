package io.kvstore.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.server.RunningServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kvstore client} against a real node: output as redis-cli prints it, exit codes. */
class ClientCommandTest {
  @TempDir static Path dir;
  static RunningServer node;

  record Run(int code, String out, String err) {}

  @BeforeAll
  static void start() {
    node = new RunningServer(dir);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static Run client(String... args) {
    List<String> argv = new ArrayList<>(List.of("client", "--grpc", "127.0.0.1:" + node.server.grpcPort()));
    argv.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(argv.toArray(new String[0]), new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void setGetAndNil() {
    assertThat(client("set", "cli:k", "hello world")).isEqualTo(new Run(0, "OK\n", ""));
    assertThat(client("get", "cli:k").out()).isEqualTo("\"hello world\"\n");
    assertThat(client("get", "cli:missing").out()).isEqualTo("(nil)\n");
    assertThat(client("set", "cli:k", "x", "--nx").out()).isEqualTo("(nil)\n");
    assertThat(client("set", "cli:k", "y", "--xx", "--get").out()).isEqualTo("\"hello world\"\n");
  }

  @Test
  void setWithExpiryThenTtl() {
    client("set", "cli:ttl", "v", "--ex", "100");
    assertThat(client("ttl", "cli:ttl").out()).isEqualTo("(integer) 100\n");
    client("set", "cli:pttl", "v", "--px", "100000");
    assertThat(client("ttl", "cli:pttl").out()).isEqualTo("(integer) 100\n");
    assertThat(client("ttl", "cli:nope").out()).isEqualTo("(integer) -2\n");
  }

  @Test
  void countersAndMultiKeyCommands() {
    assertThat(client("incr", "cli:n").out()).isEqualTo("(integer) 1\n");
    assertThat(client("incrby", "cli:n", "41").out()).isEqualTo("(integer) 42\n");
    assertThat(client("mset", "cli:a", "1", "cli:b", "2").out()).isEqualTo("OK\n");
    assertThat(client("mget", "cli:a", "cli:none", "cli:b").out())
        .isEqualTo("1) \"1\"\n2) (nil)\n3) \"2\"\n");
    assertThat(client("del", "cli:a", "cli:b", "cli:none").out()).isEqualTo("(integer) 2\n");
    assertThat(client("expire", "cli:n", "50").out()).isEqualTo("(integer) 1\n");
    assertThat(client("expire", "cli:n", "500", "--lt").out()).isEqualTo("(integer) 0\n");
  }

  @Test
  void scanPrintsAllMatchingKeys() {
    client("mset", "scan:1", "a", "scan:2", "b", "other", "c");
    Run r = client("scan", "--match", "scan:*", "--count", "1");
    assertThat(r.out().lines().map(l -> l.substring(3)).sorted().toList())
        .containsExactly("\"scan:1\"", "\"scan:2\"");
    assertThat(r.out()).startsWith("1) ");
  }

  @Test
  void execPrintsAnyReplyAndErrorsExitWithOne() {
    assertThat(client("exec", "set", "cli:e", "v")).isEqualTo(new Run(0, "OK\n", ""));
    assertThat(client("exec", "strlen", "cli:e").out()).isEqualTo("(integer) 1\n");
    Run err = client("exec", "incr", "cli:e");
    assertThat(err.code()).isEqualTo(1);
    assertThat(err.out()).isEqualTo("(error) ERR value is not an integer or out of range\n");
    Run typedErr = client("incr", "cli:e");
    assertThat(typedErr.code()).isEqualTo(1);
    assertThat(typedErr.out()).isEqualTo("(error) ERR value is not an integer or out of range\n");
    assertThat(client("incrby", "cli:e", "notanumber").out())
        .isEqualTo("(error) ERR value is not an integer or out of range\n");
  }

  @Test
  void pingAndInfo() {
    assertThat(client("ping").out()).isEqualTo("PONG\n");
    assertThat(client("ping", "hi").out()).isEqualTo("\"hi\"\n");
    String info = client("info", "server").out();
    assertThat(info).startsWith("# Server\r\n").contains("redis_version:7.0.15\r\n");
  }

  @Test
  void usageErrorsAndUnreachableServer() {
    Run r = client("frobnicate");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("unknown client command 'frobnicate'");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"client", "--grpc", "127.0.0.1:1", "--timeout", "10", "ping"},
        new PrintWriter(out), new PrintWriter(err));
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).startsWith("Could not connect to kvstore at 127.0.0.1:1: ");
  }

  @Test
  void versionSubcommand() {
    StringWriter out = new StringWriter();
    int code = Main.run(new String[] {"version"}, new PrintWriter(out), new PrintWriter(new StringWriter()));
    assertThat(code).isZero();
    assertThat(out.toString()).startsWith("kvstore v=").contains("redis-compat=7.0.15");
  }
}
