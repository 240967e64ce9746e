package io.kvstore.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
  private final Config config = new Config();

  private static String fatal(int line, String text, String reason) {
    return "\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\nReading the configuration file, at line "
        + line + "\n>>> '" + text + "'\n" + reason;
  }

  private void assertFatal(String conf, int line, String text, String reason) {
    assertThatThrownBy(() -> ConfigFile.apply(config, conf))
        .isInstanceOf(ConfigFile.ConfigFileException.class)
        .hasMessage(fatal(line, text, reason));
  }

  @Test
  void splitArgsFollowsRedisQuotingRules() {
    assertThat(ConfigFile.splitArgs("  set a   b ")).containsExactly("set", "a", "b");
    assertThat(ConfigFile.splitArgs("requirepass \"a b\\n\\x41\\x4g\\\"\"")).containsExactly("requirepass", "a b\nAx4g\"");
    assertThat(ConfigFile.splitArgs("x 'it\\'s \"raw\" \\n'")).containsExactly("x", "it's \"raw\" \\n");
    assertThat(ConfigFile.splitArgs("x \"\" ''")).containsExactly("x", "", "");
    assertThat(ConfigFile.splitArgs("x ab\"c d\"")).containsExactly("x", "abc d");
    assertThat(ConfigFile.splitArgs("x \"\\xc3\\xa9\"")).containsExactly("x", "\u00e9");
    assertThat(ConfigFile.splitArgs("x \"unterminated")).isNull();
    assertThat(ConfigFile.splitArgs("x 'unterminated")).isNull();
    assertThat(ConfigFile.splitArgs("x \"a\"b")).isNull();
    assertThat(ConfigFile.splitArgs("x 'a'b")).isNull();
    assertThat(ConfigFile.splitArgs("   ")).isEmpty();
  }

  @Test
  void reprRoundTrips() {
    String odd = "a \"b\" \\ \n\r\t\u0007\b\u0001 \u00e9";
    assertThat(ConfigFile.repr("sec ret")).isEqualTo("\"sec ret\"");
    assertThat(ConfigFile.repr("\u0001\u00e9")).isEqualTo("\"\\x01\\xc3\\xa9\"");
    assertThat(ConfigFile.splitArgs("k " + ConfigFile.repr(odd))).containsExactly("k", odd);
  }

  @Test
  void parsesDirectivesCommentsAndQuotes() {
    List<String> warnings = ConfigFile.apply(config, String.join("\n",
        "# a comment",
        "   # indented comment",
        "",
        "port 7001\r",
        "  MAXMEMORY   2mb  ",
        "requirepass \"p w\\x21\"",
        "masterauth 'it\\'s'",
        "slave-read-only no",
        "appendfsync ALWAYS",
        "list-max-ziplist-entries 512",
        "rename-command CONFIG \"\"",
        "user alice on >pw ~* +@all",
        "sentinel"));
    assertThat(config.get("port")).isEqualTo("7001");
    assertThat(config.get("maxmemory")).isEqualTo("2097152");
    assertThat(config.get("requirepass")).isEqualTo("p w!");
    assertThat(config.get("masterauth")).isEqualTo("it's");
    assertThat(config.get("replica-read-only")).isEqualTo("no");
    assertThat(config.get("appendfsync")).isEqualTo("always");
    assertThat(warnings).hasSize(2);
    assertThat(warnings.get(0)).contains("rename-command CONFIG");
  }

  @Test
  void multiArgumentDirectives() {
    ConfigFile.apply(config, String.join("\n",
        "save 900 1",
        "save 300 10 60 10000",
        "client-output-buffer-limit normal 1mb 512kb 10",
        "client-output-buffer-limit replica 256mb 64mb 0",
        "bind 127.0.0.1 -::1",
        "replicaof 10.0.0.1 6380"));
    assertThat(config.get("save")).isEqualTo("900 1 300 10 60 10000");
    assertThat(config.get("client-output-buffer-limit"))
        .isEqualTo("normal 1048576 524288 10 slave 268435456 67108864 0 pubsub 33554432 8388608 60");
    assertThat(config.get("bind")).isEqualTo("127.0.0.1 -::1");
    assertThat(config.get("replicaof")).isEqualTo("10.0.0.1 6380");
    ConfigFile.apply(config, "save \"\"\nsave \"3600 1\"");
    assertThat(config.get("save")).isEqualTo("3600 1");
    ConfigFile.apply(config, "save ''");
    assertThat(config.get("save")).isEmpty();
  }

  @Test
  void everyErrorForm() {
    assertFatal("port 7000\n\n  foo bar  ", 3, "foo bar", "Bad directive or wrong number of arguments");
    assertFatal("port 7000\nappendonly maybe\n", 2, "appendonly maybe", "argument must be 'yes' or 'no'");
    assertFatal("port \"7000", 1, "port \"7000", "Unbalanced quotes in configuration line");
    assertFatal("port 7000 8000", 1, "port 7000 8000", "wrong number of arguments");
    assertFatal("port", 1, "port", "wrong number of arguments");
    assertFatal("port abc", 1, "port abc", "argument couldn't be parsed into an integer");
    assertFatal("port 70000", 1, "port 70000", "argument must be between 0 and 65535 inclusive");
    assertFatal("maxmemory 1x", 1, "maxmemory 1x", "argument must be a memory value");
    assertFatal("appendfsync sometimes", 1, "appendfsync sometimes",
        "argument(s) must be one of the following: everysec, always, no");
    assertFatal("save 10", 1, "save 10", "Invalid save parameters");
    assertFatal("save 0 1", 1, "save 0 1", "Invalid save parameters");
    assertFatal("client-output-buffer-limit normal 0 0", 1, "client-output-buffer-limit normal 0 0",
        "Wrong number of arguments in buffer limit configuration.");
    assertFatal("client-output-buffer-limit master 0 0 0", 1, "client-output-buffer-limit master 0 0 0",
        "Invalid client class specified in buffer limit configuration.");
    assertFatal("client-output-buffer-limit normal x 0 0", 1, "client-output-buffer-limit normal x 0 0",
        "Error in hard, soft or soft_seconds setting in buffer limit configuration.");
    assertFatal("replicaof host", 1, "replicaof host", "wrong number of arguments");
    assertFatal("replicaof host port", 1, "replicaof host port", "Invalid master port");
    assertFatal("sentinel monitor m 127.0.0.1 6379 2", 1, "sentinel monitor m 127.0.0.1 6379 2",
        "sentinel directive while not in sentinel mode");
    assertFatal("loadmodule /x.so", 1, "loadmodule /x.so", "Modules are not supported");
    assertFatal("include", 1, "include", "Bad directive or wrong number of arguments");
    assertFatal("a\"b\" c", 1, "a\"b\" c", "Bad directive or wrong number of arguments");
  }

  @Test
  void includesAreReadInPlaceWithTheirOwnLineNumbers(@TempDir Path dir) throws Exception {
    Path inc = dir.resolve("inc.conf");
    Files.writeString(inc, "# included\nhz 20\n");
    Path confd = Files.createDirectory(dir.resolve("conf.d"));
    Files.writeString(confd.resolve("a.conf"), "timeout 7\n");
    Files.writeString(confd.resolve("b.conf"), "timeout 8\n");
    Path main = dir.resolve("main.conf");
    Files.writeString(main, "hz 5\ninclude " + inc + "\ninclude " + confd + "/*.conf\n"
        + "include " + dir + "/none-*.conf\n");
    ConfigFile.load(config, main, List.of());
    assertThat(config.get("hz")).isEqualTo("20");
    assertThat(config.get("timeout")).isEqualTo("8");
    assertThat(config.sourceFile()).isEqualTo(main.toAbsolutePath().normalize());

    Files.writeString(inc, "# included\n\nhz zero\n");
    assertThatThrownBy(() -> ConfigFile.load(new Config(), main, List.of()))
        .hasMessage(fatal(3, "hz zero", "argument couldn't be parsed into an integer"));
    Path missing = dir.resolve("missing.conf");
    assertThatThrownBy(() -> ConfigFile.apply(new Config(), "include " + missing))
        .isInstanceOf(ConfigFile.ConfigFileException.class)
        .hasMessage("Fatal error, can't open config file '" + missing + "': No such file or directory");
  }

  @Test
  void commandLineOverridesFollowTheFile(@TempDir Path dir) throws Exception {
    Path main = dir.resolve("main.conf");
    Files.writeString(main, "port 7000\nsave 900 1\n");
    ConfigFile.load(config, main, List.of("--port", "7001", "--requirepass", "a b", "--save", "60", "5",
        "--bind", "127.0.0.1", "::1"));
    assertThat(config.get("port")).isEqualTo("7001");
    assertThat(config.get("requirepass")).isEqualTo("a b");
    assertThat(config.get("save")).isEqualTo("900 1 60 5");
    assertThat(config.get("bind")).isEqualTo("127.0.0.1 ::1");

    Config fresh = new Config();
    ConfigFile.load(fresh, null, List.of("--save", "--appendonly", "no"));
    assertThat(fresh.get("save")).isEmpty();
    assertThat(fresh.get("appendonly")).isEqualTo("no");
    assertThat(fresh.sourceFile()).isNull();
    ConfigFile.load(fresh, null, List.of("--maxmemory 5mb", "--save"));
    assertThat(fresh.get("maxmemory")).isEqualTo("5242880");

    assertThatThrownBy(() -> ConfigFile.load(new Config(), null, List.of("--port", "abc")))
        .hasMessage(fatal(2, "port \"abc\"", "argument couldn't be parsed into an integer"));
    assertThatThrownBy(() -> ConfigFile.load(new Config(), main, List.of("--hz", "x")))
        .hasMessage(fatal(4, "hz \"x\"", "argument couldn't be parsed into an integer"));
  }

  @Test
  void optionsTextLikeRedisServer() {
    assertThat(ConfigFile.optionsText(List.of("--port", "6380", "--save", "--loglevel", "warning")))
        .isEqualTo("port \"6380\" \nsave \"\"\nloglevel \"warning\" ");
    assertThat(ConfigFile.optionsText(List.of("--save"))).isEqualTo("save \"\"");
    assertThat(ConfigFile.optionsText(List.of("--port 6380"))).isEqualTo("port 6380 ");
  }

  @Test
  void utf8ValuesSurvive(@TempDir Path dir) throws Exception {
    Path main = dir.resolve("u.conf");
    Files.write(main, "masterauth h\u00e9llo\n".getBytes(StandardCharsets.UTF_8));
    ConfigFile.load(config, main, List.of());
    assertThat(config.get("masterauth")).isEqualTo("h\u00e9llo");
  }
}
