package io.kvstore.core.cmd.connection;

import static io.kvstore.core.testing.Replies.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.core.command.CommandFlag;
import io.kvstore.core.command.CommandSpec;
import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.testing.TestNode;
import org.junit.jupiter.api.Test;

class ConnectionCommandsTest {
  private static final String NOAUTH_HELLO = "-NOAUTH HELLO must be called with the client already"
      + " authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate"
      + " the client and select the RESP protocol version at the same time";

  private static TestNode withPassword(String pass) {
    TestNode t = new TestNode();
    t.config.set("requirepass", pass, true);
    return t;
  }

  private static String hello(long id, int proto) {
    return "{\"server\", \"redis\", \"version\", \"7.0.15\", \"proto\", :" + proto + ", \"id\", :" + id
        + ", \"mode\", \"standalone\", \"role\", \"master\", \"modules\", []}";
  }

  @Test
  void pingAndEcho() {
    TestNode.Client c = new TestNode().client();
    assertThat(text(c.exec("PING"))).isEqualTo("+PONG");
    assertThat(text(c.exec("PING", "hi"))).isEqualTo("\"hi\"");
    assertThat(text(c.exec("PING", "a", "b"))).isEqualTo("-ERR wrong number of arguments for 'ping' command");
    assertThat(text(c.exec("ECHO", "hello world"))).isEqualTo("\"hello world\"");
    assertThat(text(c.exec("echo"))).isEqualTo("-ERR wrong number of arguments for 'echo' command");
    assertThat(text(c.exec("echo", "a", "b"))).isEqualTo("-ERR wrong number of arguments for 'echo' command");
  }

  @Test
  void quitRepliesOkAndClosesAfterTheReply() {
    TestNode.Client c = new TestNode().client();
    assertThat(text(c.exec("QUIT", "ignored"))).isEqualTo("+OK");
    assertThat(c.session.closeAfterReply()).isTrue();
  }

  @Test
  void quitInsideMultiIsNotQueued() {
    TestNode.Client c = new TestNode().client();
    c.exec("MULTI");
    assertThat(text(c.exec("QUIT"))).isEqualTo("+OK");
    assertThat(c.session.closeAfterReply()).isTrue();
  }

  @Test
  void helloReportsServerAndSwitchesProtocol() {
    TestNode.Client c = new TestNode().client();
    long id = c.session.id();
    assertThat(text(c.exec("HELLO"))).isEqualTo(hello(id, 2));
    assertThat(text(c.exec("HELLO", "3"))).isEqualTo(hello(id, 3));
    assertThat(c.session.resp()).isEqualTo(3);
    assertThat(text(c.exec("HELLO"))).isEqualTo(hello(id, 3));
    assertThat(text(c.exec("HELLO", "2"))).isEqualTo(hello(id, 2));
    assertThat(c.session.resp()).isEqualTo(2);
  }

  @Test
  void helloErrors() {
    TestNode.Client c = new TestNode().client();
    assertThat(text(c.exec("HELLO", "4"))).isEqualTo("-NOPROTO unsupported protocol version");
    assertThat(text(c.exec("HELLO", "1"))).isEqualTo("-NOPROTO unsupported protocol version");
    assertThat(text(c.exec("HELLO", "-1"))).isEqualTo("-NOPROTO unsupported protocol version");
    assertThat(text(c.exec("HELLO", "x"))).isEqualTo("-ERR Protocol version is not an integer or out of range");
    assertThat(text(c.exec("HELLO", "03"))).isEqualTo("-ERR Protocol version is not an integer or out of range");
    assertThat(text(c.exec("HELLO", "3", "auth"))).isEqualTo("-ERR Syntax error in HELLO option 'auth'");
    assertThat(text(c.exec("HELLO", "3", "AUTH", "default"))).isEqualTo("-ERR Syntax error in HELLO option 'AUTH'");
    assertThat(text(c.exec("HELLO", "3", "setname"))).isEqualTo("-ERR Syntax error in HELLO option 'setname'");
    assertThat(text(c.exec("HELLO", "3", "foo"))).isEqualTo("-ERR Syntax error in HELLO option 'foo'");
    assertThat(text(c.exec("HELLO", "3", "setname", "a", "b"))).isEqualTo("-ERR Syntax error in HELLO option 'b'");
    assertThat(text(c.exec("HELLO", "3", "SETNAME", "bad name")))
        .isEqualTo("-ERR Client names cannot contain spaces, newlines or special characters.");
    assertThat(c.session.resp()).isEqualTo(2);
  }

  @Test
  void helloSetnameAndAuthWithoutPassword() {
    TestNode.Client c = new TestNode().client();
    assertThat(text(c.exec("HELLO", "3", "SETNAME", "app-1"))).isEqualTo(hello(c.session.id(), 3));
    assertThat(c.session.name()).isEqualTo("app-1");
    assertThat(text(c.exec("HELLO", "2", "SETNAME", ""))).isEqualTo(hello(c.session.id(), 2));
    assertThat(c.session.name()).isEmpty();
    // the nopass default user accepts any password, other users do not exist
    assertThat(text(c.exec("HELLO", "2", "AUTH", "default", "anything"))).isEqualTo(hello(c.session.id(), 2));
    assertThat(text(c.exec("HELLO", "3", "AUTH", "alice", "x")))
        .isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.");
    assertThat(c.session.resp()).isEqualTo(2);
  }

  @Test
  void helloWithRequirepass() {
    TestNode t = withPassword("secret");
    TestNode.Client c = t.client();
    assertThat(text(c.exec("HELLO", "3"))).isEqualTo(NOAUTH_HELLO);
    assertThat(text(c.exec("HELLO"))).isEqualTo(NOAUTH_HELLO);
    // options are applied as parsed: the name sticks although the reply is NOAUTH
    assertThat(text(c.exec("HELLO", "3", "SETNAME", "early"))).isEqualTo(NOAUTH_HELLO);
    assertThat(c.session.name()).isEqualTo("early");
    assertThat(c.session.resp()).isEqualTo(2);
    assertThat(text(c.exec("HELLO", "3", "AUTH", "default", "wrong", "SETNAME")))
        .isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.");
    // a successful AUTH stays even when a later option is a syntax error
    assertThat(text(c.exec("HELLO", "3", "AUTH", "default", "secret", "SETNAME")))
        .isEqualTo("-ERR Syntax error in HELLO option 'SETNAME'");
    assertThat(c.session.authenticated()).isTrue();
    assertThat(c.session.resp()).isEqualTo(2);

    TestNode.Client d = t.client();
    assertThat(text(d.exec("HELLO", "3", "AUTH", "default", "secret", "SETNAME", "d")))
        .isEqualTo(hello(d.session.id(), 3));
    assertThat(d.session.authenticated()).isTrue();
    assertThat(d.session.name()).isEqualTo("d");
  }

  @Test
  void helloReportsReplicaRoleFromTheReplicationInfoSection() {
    TestNode t = new TestNode();
    t.node.addInfoSection(new io.kvstore.core.engine.InfoSection() {
      @Override public String name() { return "replication"; }
      @Override public java.util.Map<String, String> fields(io.kvstore.core.engine.Node n) {
        return java.util.Map.of("role", "slave");
      }
    });
    TestNode.Client c = t.client();
    assertThat(text(c.exec("HELLO"))).contains("\"role\", \"replica\"");
  }

  @Test
  void authWithoutConfiguredPassword() {
    TestNode.Client c = new TestNode().client();
    assertThat(text(c.exec("AUTH", "x"))).isEqualTo("-ERR AUTH <password> called without any password "
        + "configured for the default user. Are you sure your configuration is correct?");
    assertThat(text(c.exec("AUTH", "default", "x"))).isEqualTo("+OK");
    assertThat(text(c.exec("AUTH", "a", "b"))).isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.");
    assertThat(text(c.exec("AUTH", "a", "b", "c"))).isEqualTo("-ERR syntax error");
    assertThat(text(c.exec("AUTH"))).isEqualTo("-ERR wrong number of arguments for 'auth' command");
  }

  @Test
  void authWithRequirepass() {
    TestNode.Client c = withPassword("secret").client();
    assertThat(text(c.exec("PING"))).isEqualTo("-NOAUTH Authentication required.");
    assertThat(text(c.exec("ECHO", "x"))).isEqualTo("-NOAUTH Authentication required.");
    assertThat(text(c.exec("AUTH", "wrong"))).isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.");
    assertThat(text(c.exec("AUTH", "default", "wrong"))).isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.");
    assertThat(text(c.exec("AUTH", "Default", "secret"))).isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.");
    assertThat(c.session.authenticated()).isFalse();
    assertThat(text(c.exec("AUTH", "secret"))).isEqualTo("+OK");
    assertThat(text(c.exec("PING"))).isEqualTo("+PONG");
    // a failed attempt does not log an authenticated session out
    assertThat(text(c.exec("AUTH", "nope"))).startsWith("-WRONGPASS");
    assertThat(text(c.exec("PING"))).isEqualTo("+PONG");

    TestNode.Client d = withPassword("pw").client();
    assertThat(text(d.exec("AUTH", "default", "pw"))).isEqualTo("+OK");
  }

  @Test
  void resetRestoresANewConnectionsState() {
    TestNode t = withPassword("secret");
    TestNode.Client c = t.client();
    c.exec("HELLO", "3", "AUTH", "default", "secret", "SETNAME", "n");
    c.session.select(5);
    c.exec("WATCH", "k");
    c.exec("SUBSCRIBE", "ch");
    c.exec("PSUBSCRIBE", "p*");
    c.exec("MULTI");
    c.takeReceived();

    assertThat(text(c.exec("RESET"))).isEqualTo("+RESET");
    assertThat(c.takeReceived()).isEmpty(); // no unsubscribe frames
    assertThat(c.session.db()).isZero();
    assertThat(c.session.resp()).isEqualTo(2);
    assertThat(c.session.inMulti()).isFalse();
    assertThat(c.session.watched()).isEmpty();
    assertThat(c.session.subscriptionCount()).isZero();
    assertThat(t.node.pubsub().channelCount()).isZero();
    assertThat(t.node.pubsub().patternCount()).isZero();
    assertThat(t.node.watches().isEmpty()).isTrue();
    assertThat(c.session.name()).isEmpty();
    assertThat(c.session.authenticated()).isFalse();
    assertThat(text(c.exec("PING"))).isEqualTo("-NOAUTH Authentication required.");
    assertThat(text(c.exec("RESET", "x"))).isEqualTo("-ERR wrong number of arguments for 'reset' command");
  }

  @Test
  void resetKeepsAuthenticationWithoutPassword() {
    TestNode.Client c = new TestNode().client();
    assertThat(text(c.exec("RESET"))).isEqualTo("+RESET");
    assertThat(c.session.authenticated()).isTrue();
  }

  @Test
  void resetRefusesReplicationLinks() {
    TestNode.Client c = new TestNode().client();
    c.session.setKind(ClientSession.Kind.REPLICA);
    assertThat(text(c.exec("RESET"))).isEqualTo("-ERR can only reset normal client connections");
  }

  @Test
  void flagsMatchRedis() {
    TestNode t = new TestNode();
    for (String name : new String[] {"auth", "hello", "quit", "reset"}) {
      assertThat(t.node.commands().lookup(name).has(CommandFlag.NO_AUTH)).as(name).isTrue();
    }
    assertThat(t.node.commands().lookup("ping").has(CommandFlag.NO_AUTH)).isFalse();
    assertThat(t.node.commands().lookup("echo").has(CommandFlag.NO_AUTH)).isFalse();
    for (String name : new String[] {"ping", "quit", "reset"}) {
      assertThat(t.node.commands().lookup(name).has(CommandFlag.PUBSUB_CONTEXT)).as(name).isTrue();
    }
    CommandSpec hello = t.node.commands().lookup("hello");
    assertThat(hello.arity()).isEqualTo(-1);
    assertThat(hello.since()).isEqualTo("6.0.0");
    assertThat(hello.group()).isEqualTo("connection");
    assertThat(t.node.commands().lookup("reset").has(CommandFlag.TX_CONTROL)).isTrue();
    assertThat(t.node.commands().lookup("hello").has(CommandFlag.TX_CONTROL)).isFalse();
  }
}
