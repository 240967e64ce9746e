package io.kvstore.core.cmd.server;

import static io.kvstore.core.testing.Replies.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.core.command.CommandSpec;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.testing.TestNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandCommandsTest {
  private final TestNode t = new TestNode();
  private final TestNode.Client c = t.client();

  private static List<Reply> items(Reply r) {
    if (r instanceof Reply.Array a) return a.items();
    if (r instanceof Reply.SetReply s) return s.items();
    if (r instanceof Reply.MapReply m) return m.keyValues();
    throw new AssertionError("not an aggregate: " + text(r));
  }

  @Test
  void countAndFullListAgree() {
    Reply count = c.exec("COMMAND", "COUNT");
    assertThat(count).isEqualTo(Reply.integer(t.node.commands().size()));
    List<Reply> all = items(c.exec("COMMAND"));
    assertThat(all).hasSize(t.node.commands().size());
    assertThat(items(c.exec("COMMAND", "INFO"))).hasSize(all.size());
  }

  @Test
  void infoOfAPlainCommand() {
    assertThat(text(c.exec("COMMAND", "INFO", "get"))).isEqualTo("[[\"get\", :2, ~[+readonly, +fast], :1, :1, :1, "
        + "~[+@read, +@string, +@fast], ~[], ~[{\"flags\", ~[+RO, +access], \"begin_search\", "
        + "{\"type\", \"index\", \"spec\", {\"index\", :1}}, \"find_keys\", {\"type\", \"range\", "
        + "\"spec\", {\"lastkey\", :0, \"keystep\", :1, \"limit\", :0}}}], ~[]]]");
  }

  @Test
  void infoOfSubcommandsContainersAndUnknownNames() {
    assertThat(text(c.exec("COMMAND", "INFO", "config|get", "nosuch", "get|x")))
        .isEqualTo("[[\"config|get\", :-3, ~[+admin, +noscript, +loading, +stale], :0, :0, :0, "
            + "~[+@admin, +@slow, +@dangerous], ~[], ~[], ~[]], (nil), (nil)]");
    List<Reply> config = items(items(c.exec("COMMAND", "INFO", "CONFIG")).get(0));
    assertThat(config).hasSize(10);
    assertThat(text(config.get(0))).isEqualTo("\"config\"");
    assertThat(text(config.get(1))).isEqualTo(":-2");
    assertThat(text(config.get(6))).isEqualTo("~[+@slow]");
    List<String> subNames = new ArrayList<>();
    for (Reply sub : items(config.get(9))) subNames.add(text(items(sub).get(0)));
    assertThat(subNames).containsExactly("\"config|get\"", "\"config|help\"", "\"config|resetstat\"",
        "\"config|rewrite\"", "\"config|set\"");
    assertThat(text(items(items(c.exec("COMMAND", "INFO", "info")).get(0)).get(6)))
        .isEqualTo("~[+@slow, +@dangerous]");
    assertThat(text(items(items(c.exec("COMMAND", "INFO", "client|id")).get(0)).get(6)))
        .isEqualTo("~[+@slow, +@connection]");
  }

  @Test
  void docsIsAMapOfMapsWithSummarySinceGroup() {
    Reply docs = c.exec("COMMAND", "DOCS");
    assertThat(docs).isInstanceOf(Reply.MapReply.class);
    List<Reply> kv = items(docs);
    assertThat(kv).hasSize(2 * t.node.commands().size());
    for (int i = 0; i < kv.size(); i += 2) {
      assertThat(kv.get(i)).isInstanceOf(Reply.Bulk.class);
      List<Reply> doc = items(kv.get(i + 1));
      assertThat(text(doc.get(0))).isEqualTo("\"summary\"");
      assertThat(text(doc.get(2))).isEqualTo("\"since\"");
      assertThat(text(doc.get(4))).isEqualTo("\"group\"");
      assertThat(doc.get(1)).isInstanceOf(Reply.Bulk.class);
      assertThat(doc.get(3)).isInstanceOf(Reply.Bulk.class);
      assertThat(doc.get(5)).isInstanceOf(Reply.Bulk.class);
    }
    assertThat(text(c.exec("COMMAND", "DOCS", "time", "nosuch"))).isEqualTo(
        "{\"time\", {\"summary\", \"Return the current server time\", \"since\", \"2.6.0\", \"group\", \"server\"}}");
    String client = text(c.exec("COMMAND", "DOCS", "client"));
    assertThat(client).startsWith("{\"client\", {\"summary\", \"A container for client connection commands\", "
        + "\"since\", \"2.4.0\", \"group\", \"connection\", \"subcommands\", {\"client|getname\", {\"summary\"");
  }

  @Test
  void listAndFilters() {
    List<String> names = new ArrayList<>();
    for (Reply r : items(c.exec("COMMAND", "LIST"))) names.add(((Reply.Bulk) r).utf8());
    int total = 0;
    for (CommandSpec s : t.node.commands().all()) total += 1 + s.subcommands().size();
    assertThat(names).hasSize(total).contains("config", "config|get", "client|kill", "command|docs", "info");
    assertThat(text(c.exec("COMMAND", "LIST", "FILTERBY", "PATTERN", "config|*")))
        .isEqualTo("[\"config|get\", \"config|help\", \"config|resetstat\", \"config|rewrite\", \"config|set\"]");
    assertThat(text(c.exec("COMMAND", "LIST", "FILTERBY", "MODULE", "x"))).isEqualTo("[]");
    assertThat(text(c.exec("COMMAND", "LIST", "FILTERBY", "ACLCAT", "dangerous"))).contains("\"info\"")
        .doesNotContain("\"time\"");
    assertThat(text(c.exec("COMMAND", "LIST", "FILTERBY", "FOO", "x"))).isEqualTo("-ERR syntax error");
    assertThat(text(c.exec("COMMAND", "LIST", "x"))).isEqualTo("-ERR syntax error");
  }

  @Test
  void getKeys() {
    assertThat(text(c.exec("COMMAND", "GETKEYS", "GET", "k"))).isEqualTo("[\"k\"]");
    assertThat(text(c.exec("COMMAND", "GETKEYS", "NOSUCH", "k"))).isEqualTo("-ERR Invalid command specified");
    assertThat(text(c.exec("COMMAND", "GETKEYS", "TIME", "k"))).isEqualTo("-ERR The command has no key arguments");
    assertThat(text(c.exec("COMMAND", "GETKEYS", "GET", "a", "b")))
        .isEqualTo("-ERR Invalid number of arguments specified for command");
    assertThat(text(c.exec("COMMAND", "GETKEYS", "CONFIG", "NOSUCH"))).isEqualTo("-ERR Invalid command specified");
    assertThat(text(c.exec("COMMAND", "GETKEYS"))).isEqualTo("-ERR wrong number of arguments for 'command|getkeys' command");
  }

  @Test
  void helpAndUnknownSubcommand() {
    assertThat(text(c.exec("COMMAND", "HELP"))).startsWith(
        "[+COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:, +(no subcommand)");
    assertThat(text(c.exec("COMMAND", "NOPE"))).isEqualTo("-ERR unknown subcommand 'NOPE'. Try COMMAND HELP.");
  }
}
