package io.kvstore.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvstore.core.config.Config;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config composition: file, then stdin, then command-line overrides, as redis-server. */
class ServerConfigTest {
  @TempDir Path dir;

  static final InputStream NO_STDIN = new ByteArrayInputStream(new byte[0]);

  Config load(String... argv) throws Exception {
    return ServerConfig.load(ServerArgs.parse(List.of(argv)), NO_STDIN).config();
  }

  @Test
  void overridesWinOverTheFile() throws Exception {
    Path conf = dir.resolve("kv.conf");
    Files.writeString(conf, "# a comment\nport 7001\nappendfsync no\ndir \"/tmp/some dir\"\ngrpc-port 7002\n");
    Config c = load(conf.toString(), "--port", "7100", "--appendfsync", "always");
    assertThat(c.get("port")).isEqualTo("7100");
    assertThat(c.get("appendfsync")).isEqualTo("always");
    assertThat(c.get("dir")).isEqualTo("/tmp/some dir");
    assertThat(c.get("grpc-port")).isEqualTo("7002");
    assertThat(c.sourceFile()).isEqualTo(conf.toAbsolutePath().normalize());
  }

  @Test
  void overridesAloneAndEmptySave() throws Exception {
    Config c = load("--save", "--requirepass", "pw", "--bind", "127.0.0.1", "::1");
    assertThat(c.get("save")).isEmpty();
    assertThat(c.get("requirepass")).isEqualTo("pw");
    assertThat(c.get("bind")).isEqualTo("127.0.0.1 ::1");
    assertThat(c.sourceFile()).isNull();
  }

  @Test
  void stdinComesBetweenFileAndOverrides() throws Exception {
    Path conf = dir.resolve("kv.conf");
    Files.writeString(conf, "port 1000\nhz 20\n");
    InputStream stdin = new ByteArrayInputStream("port 2000\nhz 30\n".getBytes(StandardCharsets.UTF_8));
    Config c = ServerConfig.load(ServerArgs.parse(List.of(conf.toString(), "-", "--port", "3000")), stdin).config();
    assertThat(c.get("port")).isEqualTo("3000");
    assertThat(c.get("hz")).isEqualTo("30");
  }

  @Test
  void badValuesGiveRedisFatalText() {
    assertThatThrownBy(() -> load("--port", "notaport"))
        .isInstanceOf(ServerConfig.ConfigException.class)
        .hasMessageContaining("*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***")
        .hasMessageContaining(">>> 'port \"notaport\"'");
    assertThatThrownBy(() -> load(dir.resolve("missing.conf").toString()))
        .isInstanceOf(ServerConfig.ConfigException.class)
        .hasMessageContaining("can't open config file");
  }

  @Test
  void serverCommandPrintsTheFatalTextToStderrAndExitsOne() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"server", "--nosuchdirective", "1"}, new PrintWriter(out),
        new PrintWriter(err));
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***")
        .contains("Bad directive or wrong number of arguments");
  }
}
