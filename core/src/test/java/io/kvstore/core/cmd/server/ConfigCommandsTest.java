package io.kvstore.core.cmd.server;

import static io.kvstore.core.testing.Replies.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.core.config.ConfigFile;
import io.kvstore.core.testing.TestNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandsTest {
  private final TestNode t = new TestNode();
  private final TestNode.Client c = t.client();

  @Test
  void getByNameAliasAndPatterns() {
    assertThat(text(c.exec("CONFIG", "GET", "maxmemory"))).isEqualTo("{\"maxmemory\", \"0\"}");
    assertThat(text(c.exec("CONFIG", "GET", "MAXMEMORY"))).isEqualTo("{\"MAXMEMORY\", \"0\"}");
    assertThat(text(c.exec("CONFIG", "GET", "slave-read-only"))).isEqualTo("{\"slave-read-only\", \"yes\"}");
    assertThat(text(c.exec("CONFIG", "GET", "nosuch"))).isEqualTo("{}");
    assertThat(text(c.exec("CONFIG", "GET", "maxmemory-p*", "maxmemory", "maxmemory")))
        .isEqualTo("{\"maxmemory-policy\", \"noeviction\", \"maxmemory\", \"0\"}");
    String all = text(c.exec("CONFIG", "GET", "*read-only*"));
    assertThat(all).contains("\"replica-read-only\", \"yes\"").contains("\"slave-read-only\", \"yes\"");
    assertThat(text(c.exec("CONFIG", "GET", "save"))).isEqualTo("{\"save\", \"3600 1 300 100 60 10000\"}");
    assertThat(text(c.exec("CONFIG", "GET"))).isEqualTo("-ERR wrong number of arguments for 'config|get' command");
  }

  @Test
  void setAppliesSeveralAtOnce() {
    assertThat(text(c.exec("CONFIG", "SET", "maxmemory", "1k", "timeout", "5", "appendfsync", "ALWAYS")))
        .isEqualTo("+OK");
    assertThat(t.config.get("maxmemory")).isEqualTo("1000");
    assertThat(t.config.get("timeout")).isEqualTo("5");
    assertThat(t.config.get("appendfsync")).isEqualTo("always");
    assertThat(text(c.exec("CONFIG", "SET", "maxmemory", "1mb"))).isEqualTo("+OK");
    assertThat(text(c.exec("CONFIG", "GET", "maxmemory"))).isEqualTo("{\"maxmemory\", \"1048576\"}");
    assertThat(text(c.exec("CONFIG", "SET", "slave-priority", "7"))).isEqualTo("+OK");
    assertThat(t.config.get("replica-priority")).isEqualTo("7");
  }

  @Test
  void setErrorsUseRedisTexts() {
    assertThat(text(c.exec("CONFIG", "SET", "foo", "bar")))
        .isEqualTo("-ERR Unknown option or number of arguments for CONFIG SET - 'foo'");
    assertThat(text(c.exec("CONFIG", "SET", "hz", "10", "foo", "bar")))
        .isEqualTo("-ERR Unknown option or number of arguments for CONFIG SET - 'foo'");
    assertThat(text(c.exec("CONFIG", "SET", "maxmemory", "abc")))
        .isEqualTo("-ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a memory value");
    assertThat(text(c.exec("CONFIG", "SET", "databases", "3")))
        .isEqualTo("-ERR CONFIG SET failed (possibly related to argument 'databases') - can't set immutable config");
    assertThat(text(c.exec("CONFIG", "SET", "maxmemory", "10", "MAXMEMORY", "20")))
        .isEqualTo("-ERR CONFIG SET failed (possibly related to argument 'MAXMEMORY') - duplicate parameter");
    assertThat(text(c.exec("CONFIG", "SET", "appendfsync", "foo")))
        .isEqualTo("-ERR CONFIG SET failed (possibly related to argument 'appendfsync') - argument(s) must be one of the following: everysec, always, no");
    assertThat(text(c.exec("CONFIG", "SET", "protected-mode", "maybe")))
        .isEqualTo("-ERR CONFIG SET failed (possibly related to argument 'protected-mode') - argument must be 'yes' or 'no'");
    assertThat(text(c.exec("CONFIG", "SET", "timeout", "-1")))
        .isEqualTo("-ERR CONFIG SET failed (possibly related to argument 'timeout') - argument must be between 0 and 2147483647 inclusive");
    assertThat(text(c.exec("CONFIG", "SET", "timeout", "1.5")))
        .isEqualTo("-ERR CONFIG SET failed (possibly related to argument 'timeout') - argument couldn't be parsed into an integer");
    assertThat(text(c.exec("CONFIG", "SET", "slave-priority", "x")))
        .isEqualTo("-ERR CONFIG SET failed (possibly related to argument 'replica-priority') - argument couldn't be parsed into an integer");
    assertThat(text(c.exec("CONFIG", "SET", "dir", "/tmp")))
        .isEqualTo("-ERR CONFIG SET failed (possibly related to argument 'dir') - can't set protected config");
    assertThat(text(c.exec("CONFIG", "SET", "save", "10")))
        .isEqualTo("-ERR CONFIG SET failed (possibly related to argument 'save') - Invalid save parameters");
    assertThat(text(c.exec("CONFIG", "SET", "maxmemory", "1", "hz")))
        .isEqualTo("-ERR syntax error");
    assertThat(text(c.exec("CONFIG", "SET", "maxmemory")))
        .isEqualTo("-ERR wrong number of arguments for 'config|set' command");
  }

  @Test
  void setIsAllOrNothing() {
    assertThat(text(c.exec("CONFIG", "SET", "timeout", "9", "hz", "0"))).startsWith("-ERR CONFIG SET failed");
    assertThat(t.config.get("timeout")).isEqualTo("0");
    t.config.onChange("maxclients", v -> {
      if (v.equals("5")) throw new IllegalArgumentException("too few");
    });
    assertThat(text(c.exec("CONFIG", "SET", "timeout", "9", "maxclients", "5")))
        .isEqualTo("-ERR CONFIG SET failed (possibly related to argument 'maxclients') - too few");
    assertThat(t.config.get("timeout")).isEqualTo("0");
    assertThat(t.config.get("maxclients")).isEqualTo("10000");
  }

  @Test
  void multiArgumentValues() {
    assertThat(text(c.exec("CONFIG", "SET", "save", "900 1 300 10"))).isEqualTo("+OK");
    assertThat(t.config.get("save")).isEqualTo("900 1 300 10");
    assertThat(text(c.exec("CONFIG", "SET", "save", ""))).isEqualTo("+OK");
    assertThat(t.config.get("save")).isEmpty();
    assertThat(text(c.exec("CONFIG", "SET", "client-output-buffer-limit", "pubsub 64mb 16mb 30"))).isEqualTo("+OK");
    assertThat(t.config.get("client-output-buffer-limit"))
        .isEqualTo("normal 0 0 0 slave 268435456 67108864 60 pubsub 67108864 16777216 30");
    assertThat(text(c.exec("CONFIG", "SET", "client-output-buffer-limit", "master 1 1 1")))
        .isEqualTo("-ERR CONFIG SET failed (possibly related to argument 'client-output-buffer-limit') - Invalid client class specified in buffer limit configuration.");
    assertThat(text(c.exec("CONFIG", "SET", "notify-keyspace-events", "KEA"))).isEqualTo("+OK");
    assertThat(t.config.get("notify-keyspace-events")).isEqualTo("AKE");
    assertThat(text(c.exec("CONFIG", "SET", "notify-keyspace-events", "Q")))
        .isEqualTo("-ERR CONFIG SET failed (possibly related to argument 'notify-keyspace-events') - Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
  }

  @Test
  void protectedConfigsFollowEnableProtectedConfigs() {
    t.config.set("enable-protected-configs", "local", true);
    assertThat(text(c.exec("CONFIG", "SET", "dbfilename", "x.rdb"))).isEqualTo("+OK");
    assertThat(t.config.get("dbfilename")).isEqualTo("x.rdb");
  }

  @Test
  void resetStatAndHelp() {
    c.exec("CONFIG", "GET", "x");
    assertThat(t.node.stats().totalCommands).isPositive();
    assertThat(text(c.exec("CONFIG", "RESETSTAT"))).isEqualTo("+OK");
    assertThat(t.node.stats().totalCommands).isEqualTo(1);
    String help = text(c.exec("config", "help"));
    assertThat(help).startsWith("[+CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:, +GET <pattern>")
        .endsWith("+HELP, +    Prints this help.]");
    assertThat(text(c.exec("CONFIG", "FOO"))).isEqualTo("-ERR unknown subcommand 'FOO'. Try CONFIG HELP.");
  }

  @Test
  void rewriteMarksUnknownLinesBlanksSurplusSaveLinesAndCreatesMissingFiles(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("r.conf");
    Files.writeString(file, "save 900 1\nsave 300 10\nsave 60 5\nno-such-directive 1\nport \"7000\n");
    t.config.set("save", "100 1", true);
    t.config.setSourceFile(file);
    assertThat(text(c.exec("CONFIG", "REWRITE"))).isEqualTo("+OK");
    String out = Files.readString(file);
    assertThat(out).startsWith("save 100 1\n\n# ??? no-such-directive 1\n# ??? port \"7000\n");
    Path missing = dir.resolve("new.conf");
    t.config.setSourceFile(missing);
    assertThat(text(c.exec("CONFIG", "REWRITE"))).isEqualTo("+OK");
    assertThat(Files.readString(missing)).startsWith("# Generated by CONFIG REWRITE\n").contains("\nsave 100 1\n");
  }

  @Test
  void rewriteWithoutAFile() {
    assertThat(text(c.exec("CONFIG", "REWRITE"))).isEqualTo("-ERR The server is running without a config file");
  }

  @Test
  void rewriteRoundTrip(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("kv.conf");
    Files.writeString(file, String.join("\n",
        "# top comment",
        "port 7000",
        "",
        "# memory",
        "maxmemory 100mb",
        "hz 10",
        "hz 20",
        "slave-read-only yes",
        "requirepass \"sec ret\"",
        "rename-command FLUSHALL \"\"",
        "client-output-buffer-limit normal 0 0 0",
        "client-output-buffer-limit pubsub 64mb 16mb 60",
        ""));
    TestNode n = new TestNode();
    List<String> warnings = ConfigFile.load(n.config, file, List.of());
    assertThat(warnings).hasSize(1);
    TestNode.Client cl = n.client();
    cl.session.setAuthenticated(true);
    assertThat(text(cl.exec("CONFIG", "SET", "maxmemory", "200mb", "timeout", "5", "appendfsync", "always", "hz", "10")))
        .isEqualTo("+OK");
    assertThat(text(cl.exec("CONFIG", "REWRITE"))).isEqualTo("+OK");
    String dirLine = "dir " + ConfigFile.repr(Path.of("./data").toAbsolutePath().normalize().toString());
    assertThat(Files.readString(file)).isEqualTo(String.join("\n",
        "# top comment",
        "port 7000",
        "",
        "# memory",
        "maxmemory 200mb",
        "hz 10",
        "",
        "replica-read-only yes",
        "requirepass \"sec ret\"",
        "rename-command FLUSHALL \"\"",
        "client-output-buffer-limit normal 0 0 0",
        "client-output-buffer-limit replica 256mb 64mb 60",
        "",
        "# Generated by CONFIG REWRITE",
        "timeout 5",
        dirLine,
        "save 3600 1",
        "save 300 100",
        "save 60 10000",
        "appendfsync always",
        "client-output-buffer-limit pubsub 64mb 16mb 60",
        ""));
    // the rewritten file loads back to the same values
    TestNode again = new TestNode();
    ConfigFile.load(again.config, file, List.of());
    assertThat(again.config.get("maxmemory")).isEqualTo(String.valueOf(200L * 1024 * 1024));
    assertThat(again.config.get("requirepass")).isEqualTo("sec ret");
    assertThat(again.config.get("client-output-buffer-limit")).isEqualTo(n.config.get("client-output-buffer-limit"));
    java.util.Map<String, String> reloaded = new java.util.HashMap<>(again.config.snapshot());
    java.util.Map<String, String> live = new java.util.HashMap<>(n.config.snapshot());
    assertThat(reloaded.remove("dir")).isEqualTo(Path.of("./data").toAbsolutePath().normalize().toString());
    live.remove("dir");
    assertThat(reloaded).isEqualTo(live);
    // like Redis, the next rewrite keeps the file's final newline as one blank line, then is stable
    String before = Files.readString(file);
    assertThat(text(cl.exec("CONFIG", "REWRITE"))).isEqualTo("+OK");
    assertThat(Files.readString(file)).isEqualTo(before + "\n");
    assertThat(text(cl.exec("CONFIG", "REWRITE"))).isEqualTo("+OK");
    assertThat(Files.readString(file)).isEqualTo(before + "\n");
    assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).doesNotContain("# ???");
  }
}
