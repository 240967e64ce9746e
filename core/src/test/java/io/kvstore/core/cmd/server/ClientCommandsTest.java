package io.kvstore.core.cmd.server;

import static io.kvstore.core.testing.Replies.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.Bytes;
import io.kvstore.core.testing.TestNode;
import org.junit.jupiter.api.Test;

class ClientCommandsTest {
  private final TestNode t = new TestNode();
  private final TestNode.Client a = t.client();
  private final TestNode.Client b = t.client();

  private static String verbatim(Reply r) {
    assertThat(r).isInstanceOf(Reply.Verbatim.class);
    return ((Reply.Verbatim) r).text();
  }

  @Test
  void idNameAndInfo() {
    assertThat(a.exec("CLIENT", "ID")).isEqualTo(Reply.integer(a.session.id()));
    assertThat(text(a.exec("CLIENT", "GETNAME"))).isEqualTo("(nil)");
    assertThat(text(a.exec("CLIENT", "SETNAME", "a b")))
        .isEqualTo("-ERR Client names cannot contain spaces, newlines or special characters.");
    assertThat(text(a.exec("CLIENT", "SETNAME", "worker-1"))).isEqualTo("+OK");
    assertThat(text(a.exec("CLIENT", "GETNAME"))).isEqualTo("\"worker-1\"");
    assertThat(text(a.exec("CLIENT", "SETNAME", ""))).isEqualTo("+OK");
    assertThat(text(a.exec("CLIENT", "GETNAME"))).isEqualTo("(nil)");
    String info = verbatim(a.exec("CLIENT", "INFO"));
    assertThat(info).endsWith("\n").contains("id=" + a.session.id() + " ").contains(" cmd=client|info ");
  }

  @Test
  void listLineFormat() {
    a.exec("CLIENT", "SETNAME", "alpha");
    t.clock.advance(5000);
    String list = verbatim(b.exec("CLIENT", "LIST"));
    String[] lines = list.split("\n");
    assertThat(lines).hasSize(2);
    assertThat(list).endsWith("\n");
    assertThat(lines[0]).matches("id=" + a.session.id() + " addr=127\\.0\\.0\\.1:\\d+ laddr=127\\.0\\.0\\.1:6379 "
        + "fd=\\d+ name=alpha age=5 idle=5 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=0 "
        + "qbuf-free=0 argv-mem=0 multi-mem=0 rbs=\\d+ rbp=0 obl=0 oll=0 omem=0 tot-mem=\\d+ events=r "
        + "cmd=client\\|setname user=default redir=-1 resp=2");
    assertThat(lines[1]).contains("id=" + b.session.id() + " ").contains(" idle=0 ")
        .contains(" argv-mem=10 ").contains(" cmd=client|list ");
  }

  @Test
  void listFilters() {
    a.session.channels().add(Bytes.wrap("ch".getBytes()));
    b.session.setKind(ClientSession.Kind.REPLICA);
    TestNode.Client n = t.client();
    assertThat(verbatim(n.exec("CLIENT", "LIST", "TYPE", "pubsub"))).startsWith("id=" + a.session.id() + " ")
        .contains(" flags=P ").contains(" sub=1 ");
    assertThat(verbatim(n.exec("CLIENT", "LIST", "TYPE", "replica"))).contains(" flags=S ")
        .startsWith("id=" + b.session.id() + " ");
    assertThat(verbatim(n.exec("CLIENT", "LIST", "TYPE", "normal"))).startsWith("id=" + n.session.id() + " ")
        .hasLineCount(1);
    assertThat(verbatim(n.exec("CLIENT", "LIST", "TYPE", "master"))).isEmpty();
    assertThat(verbatim(n.exec("CLIENT", "LIST", "ID", "999", Long.toString(b.session.id()))))
        .startsWith("id=" + b.session.id() + " ").hasLineCount(1);
    assertThat(text(n.exec("CLIENT", "LIST", "TYPE", "foo"))).isEqualTo("-ERR Unknown client type 'foo'");
    assertThat(text(n.exec("CLIENT", "LIST", "ID", "x"))).isEqualTo("-ERR Invalid client ID");
    assertThat(text(n.exec("CLIENT", "LIST", "foo"))).isEqualTo("-ERR syntax error");
  }

  @Test
  void killOldForm() {
    String addr = b.remoteAddress();
    assertThat(text(a.exec("CLIENT", "KILL", "1.2.3.4:5"))).isEqualTo("-ERR No such client");
    assertThat(text(a.exec("CLIENT", "KILL", addr))).isEqualTo("+OK");
    assertThat(b.session.killed()).isTrue();
    assertThat(b.closed).isTrue();
    assertThat(verbatim(a.exec("CLIENT", "LIST"))).doesNotContain("id=" + b.session.id() + " ");
    assertThat(text(a.exec("CLIENT", "KILL", addr))).isEqualTo("-ERR No such client");
  }

  @Test
  void killNewFormCountsAndSkipsTheCaller() {
    TestNode.Client c = t.client();
    assertThat(a.exec("CLIENT", "KILL", "TYPE", "normal")).isEqualTo(Reply.integer(2));
    assertThat(b.closed).isTrue();
    assertThat(c.closed).isTrue();
    assertThat(a.closed).isFalse();
    TestNode.Client d = t.client();
    assertThat(a.exec("CLIENT", "KILL", "ID", Long.toString(d.session.id()), "SKIPME", "yes"))
        .isEqualTo(Reply.integer(1));
    assertThat(a.exec("CLIENT", "KILL", "ADDR", "9.9.9.9:1", "LADDR", "127.0.0.1:6379")).isEqualTo(Reply.ZERO);
    assertThat(text(a.exec("CLIENT", "KILL", "ID", "0"))).isEqualTo("-ERR client-id should be greater than 0");
    assertThat(text(a.exec("CLIENT", "KILL", "ID", "x"))).isEqualTo("-ERR client-id should be greater than 0");
    assertThat(text(a.exec("CLIENT", "KILL", "TYPE", "foo"))).isEqualTo("-ERR Unknown client type 'foo'");
    assertThat(text(a.exec("CLIENT", "KILL", "USER", "bob"))).isEqualTo("-ERR No such user 'bob'");
    assertThat(text(a.exec("CLIENT", "KILL", "SKIPME", "maybe", "x"))).isEqualTo("-ERR syntax error");
    assertThat(text(a.exec("CLIENT", "KILL", "FOO", "bar"))).isEqualTo("-ERR syntax error");
    assertThat(text(a.exec("CLIENT", "KILL", "ID", "1", "TYPE"))).isEqualTo("-ERR syntax error");
    assertThat(a.closed).isFalse();
  }

  @Test
  void aCallerKillingItselfGetsItsReplyFirst() {
    Reply r = a.exec("CLIENT", "KILL", "USER", "default", "SKIPME", "no");
    assertThat(r).isEqualTo(Reply.integer(2));
    assertThat(b.closed).isTrue();
    assertThat(a.session.closeAfterReply()).isTrue();
    assertThat(a.session.killed()).isFalse();
  }

  @Test
  void noEvictAndHelp() {
    assertThat(text(a.exec("CLIENT", "NO-EVICT", "on"))).isEqualTo("+OK");
    assertThat(text(a.exec("CLIENT", "NO-EVICT", "OFF"))).isEqualTo("+OK");
    assertThat(text(a.exec("CLIENT", "NO-EVICT", "maybe"))).isEqualTo("-ERR syntax error");
    assertThat(text(a.exec("CLIENT", "HELP"))).startsWith(
        "[+CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:, +GETNAME,");
    assertThat(text(a.exec("CLIENT"))).isEqualTo("-ERR wrong number of arguments for 'client' command");
  }
}
