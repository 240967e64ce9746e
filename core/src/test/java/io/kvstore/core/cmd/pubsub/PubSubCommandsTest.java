package io.kvstore.core.cmd.pubsub;

import static io.kvstore.core.testing.Replies.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.core.command.CommandFlag;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.testing.Replies;
import io.kvstore.core.testing.TestNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PubSubCommandsTest {
  private TestNode t;
  private TestNode.Client sub;
  private TestNode.Client pub;

  @BeforeEach
  void setUp() {
    t = new TestNode();
    sub = t.client();
    pub = t.client();
  }

  /** Everything the client got for one command, in wire order: pushed frames, then the reply. */
  private static List<String> run(TestNode.Client c, String... words) {
    c.takeReceived();
    Reply direct = c.exec(words);
    List<String> out = new ArrayList<>();
    for (Reply r : c.takeReceived()) out.add(Replies.text(r));
    if (!(direct instanceof Reply.None)) out.add(Replies.text(direct));
    return out;
  }

  private static String frame(String kind, String name, int count) {
    return ">[\"" + kind + "\", " + (name == null ? "(nil)" : "\"" + name + "\"") + ", :" + count + "]";
  }

  @Test
  void subscribeOneFramePerChannelIncludingRepeats() {
    assertThat(run(sub, "SUBSCRIBE", "a", "b", "a")).containsExactly(
        frame("subscribe", "a", 1), frame("subscribe", "b", 2), frame("subscribe", "a", 2));
    assertThat(run(sub, "PSUBSCRIBE", "p*", "p*")).containsExactly(
        frame("psubscribe", "p*", 3), frame("psubscribe", "p*", 3));
    assertThat(sub.session.subscriptionCount()).isEqualTo(3);
  }

  @Test
  void subscribeReplyIsAPushFrameSoRespThreeSeesIt() {
    Reply r = sub.exec("SUBSCRIBE", "a");
    assertThat(r).isInstanceOf(Reply.Push.class);
  }

  @Test
  void unsubscribeWithoutSubscriptionsRepliesOneNilFrame() {
    assertThat(run(sub, "UNSUBSCRIBE")).containsExactly(frame("unsubscribe", null, 0));
    assertThat(run(sub, "PUNSUBSCRIBE")).containsExactly(frame("punsubscribe", null, 0));
    sub.exec("PSUBSCRIBE", "p*");
    assertThat(run(sub, "UNSUBSCRIBE")).containsExactly(frame("unsubscribe", null, 1));
    sub.exec("PUNSUBSCRIBE");
    sub.exec("SUBSCRIBE", "a");
    assertThat(run(sub, "PUNSUBSCRIBE")).containsExactly(frame("punsubscribe", null, 1));
  }

  @Test
  void unsubscribeNamedChannelsEvenWhenNotSubscribed() {
    sub.exec("SUBSCRIBE", "a", "b", "c");
    assertThat(run(sub, "UNSUBSCRIBE", "x", "b")).containsExactly(
        frame("unsubscribe", "x", 3), frame("unsubscribe", "b", 2));
    assertThat(run(sub, "UNSUBSCRIBE")).containsExactly(
        frame("unsubscribe", "a", 1), frame("unsubscribe", "c", 0));
    assertThat(sub.session.subscriptionCount()).isZero();
    assertThat(t.node.pubsub().channelCount()).isZero();
  }

  @Test
  void punsubscribeAll() {
    sub.exec("PSUBSCRIBE", "a*", "b*");
    sub.exec("SUBSCRIBE", "c");
    assertThat(run(sub, "PUNSUBSCRIBE", "zz")).containsExactly(frame("punsubscribe", "zz", 3));
    assertThat(run(sub, "PUNSUBSCRIBE")).containsExactly(
        frame("punsubscribe", "a*", 2), frame("punsubscribe", "b*", 1));
    assertThat(t.node.pubsub().patternCount()).isZero();
  }

  @Test
  void publishDeliversToChannelAndPatternSubscribers() {
    TestNode.Client psub = t.client();
    sub.exec("SUBSCRIBE", "news.tech");
    psub.exec("PSUBSCRIBE", "news.*", "other.*");
    sub.takeReceived();
    psub.takeReceived();
    t.takeEffects();

    assertThat(text(pub.exec("PUBLISH", "news.tech", "hello"))).isEqualTo(":2");
    assertThat(sub.takeReceived()).extracting(Replies::text)
        .containsExactly(">[\"message\", \"news.tech\", \"hello\"]");
    assertThat(psub.takeReceived()).extracting(Replies::text)
        .containsExactly(">[\"pmessage\", \"news.*\", \"news.tech\", \"hello\"]");
    assertThat(t.takeEffects()).containsExactly("0:PUBLISH news.tech hello");

    assertThat(text(pub.exec("PUBLISH", "news.sport", "x"))).isEqualTo(":1");
    assertThat(sub.takeReceived()).isEmpty();
    assertThat(psub.takeReceived()).hasSize(1);
    assertThat(text(pub.exec("PUBLISH", "nobody", "x"))).isEqualTo(":0");
    assertThat(t.takeEffects()).containsExactly("0:PUBLISH news.sport x", "0:PUBLISH nobody x");
    assertThat(text(pub.exec("PUBLISH", "a"))).isEqualTo("-ERR wrong number of arguments for 'publish' command");
  }

  @Test
  void aClientMatchingTwiceReceivesTwice() {
    sub.exec("SUBSCRIBE", "a");
    sub.exec("PSUBSCRIBE", "a*", "*");
    sub.takeReceived();
    assertThat(text(pub.exec("PUBLISH", "a", "m"))).isEqualTo(":3");
    assertThat(sub.takeReceived()).hasSize(3);
  }

  @Test
  void publishToSelfInRespThree() {
    sub.exec("HELLO", "3");
    sub.exec("SUBSCRIBE", "a");
    assertThat(run(sub, "PUBLISH", "a", "hi")).containsExactly(
        ">[\"message\", \"a\", \"hi\"]", ":1");
    // RESP3 subscribers can run any command
    assertThat(text(sub.exec("ECHO", "x"))).isEqualTo("\"x\"");
    assertThat(text(sub.exec("PING"))).isEqualTo("+PONG");
  }

  @Test
  void respTwoSubscribedContextAllowsOnlyPubsubCommands() {
    sub.exec("SUBSCRIBE", "a");
    assertThat(text(sub.exec("ECHO", "x"))).isEqualTo("-ERR Can't execute 'echo': only (P|S)SUBSCRIBE"
        + " / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context");
    assertThat(text(sub.exec("PUBLISH", "a", "x"))).startsWith("-ERR Can't execute 'publish'");
    assertThat(text(sub.exec("PUBSUB", "NUMPAT"))).startsWith("-ERR Can't execute 'pubsub|numpat'");
    assertThat(text(sub.exec("PING"))).isEqualTo("[\"pong\", \"\"]");
    assertThat(text(sub.exec("PING", "hi"))).isEqualTo("[\"pong\", \"hi\"]");
    assertThat(run(sub, "PSUBSCRIBE", "x*")).containsExactly(frame("psubscribe", "x*", 2));
    sub.exec("UNSUBSCRIBE");
    assertThat(text(sub.exec("ECHO", "x"))).startsWith("-ERR Can't execute");
    sub.exec("PUNSUBSCRIBE");
    assertThat(text(sub.exec("ECHO", "x"))).isEqualTo("\"x\"");
    sub.exec("SUBSCRIBE", "a");
    assertThat(text(sub.exec("RESET"))).isEqualTo("+RESET");
    assertThat(text(sub.exec("ECHO", "x"))).isEqualTo("\"x\"");
    sub.exec("SUBSCRIBE", "a");
    assertThat(text(sub.exec("QUIT"))).isEqualTo("+OK");
  }

  @Test
  void resetUnsubscribesSoPublishersSeeNoReceivers() {
    sub.exec("SUBSCRIBE", "a");
    sub.exec("PSUBSCRIBE", "*");
    sub.takeReceived();
    assertThat(text(sub.exec("RESET"))).isEqualTo("+RESET");
    assertThat(text(pub.exec("PUBLISH", "a", "m"))).isEqualTo(":0");
    assertThat(sub.takeReceived()).isEmpty();
  }

  @Test
  void closingASubscriberDropsItsSubscriptions() {
    sub.exec("SUBSCRIBE", "a");
    t.engine.close(sub.session);
    assertThat(text(pub.exec("PUBLISH", "a", "m"))).isEqualTo(":0");
  }

  @Test
  void pubsubIntrospection() {
    TestNode.Client other = t.client();
    sub.exec("SUBSCRIBE", "news.tech", "news.sport", "weather");
    other.exec("SUBSCRIBE", "news.tech");
    other.exec("PSUBSCRIBE", "a*", "b*");
    sub.exec("PSUBSCRIBE", "a*");

    assertThat(text(pub.exec("PUBSUB", "CHANNELS"))).isEqualTo("[\"news.tech\", \"news.sport\", \"weather\"]");
    assertThat(text(pub.exec("pubsub", "channels", "news.*"))).isEqualTo("[\"news.tech\", \"news.sport\"]");
    assertThat(text(pub.exec("PUBSUB", "CHANNELS", "x*"))).isEqualTo("[]");
    assertThat(text(pub.exec("PUBSUB", "channels", "a", "b")))
        .isEqualTo("-ERR unknown subcommand or wrong number of arguments for 'channels'. Try PUBSUB HELP.");
    assertThat(text(pub.exec("PUBSUB", "NUMSUB", "news.tech", "weather", "none")))
        .isEqualTo("[\"news.tech\", :2, \"weather\", :1, \"none\", :0]");
    assertThat(text(pub.exec("PUBSUB", "NUMSUB"))).isEqualTo("[]");
    assertThat(text(pub.exec("PUBSUB", "NUMPAT"))).isEqualTo(":2");
    assertThat(text(pub.exec("PUBSUB", "NUMPAT", "x")))
        .isEqualTo("-ERR wrong number of arguments for 'pubsub|numpat' command");
    assertThat(text(pub.exec("PUBSUB", "SHARDCHANNELS"))).isEqualTo("[]");
    assertThat(text(pub.exec("PUBSUB", "SHARDCHANNELS", "a", "b")))
        .isEqualTo("-ERR unknown subcommand or wrong number of arguments for 'SHARDCHANNELS'. Try PUBSUB HELP.");
    assertThat(text(pub.exec("PUBSUB", "SHARDNUMSUB", "x"))).isEqualTo("[\"x\", :0]");
    assertThat(text(pub.exec("PUBSUB"))).isEqualTo("-ERR wrong number of arguments for 'pubsub' command");
    assertThat(text(pub.exec("PUBSUB", "foo"))).isEqualTo("-ERR unknown subcommand 'foo'. Try PUBSUB HELP.");
  }

  @Test
  void pubsubHelp() {
    Reply r = pub.exec("PUBSUB", "HELP");
    assertThat(r).isInstanceOf(Reply.Array.class);
    List<Reply> lines = ((Reply.Array) r).items();
    assertThat(lines).hasSize(14);
    assertThat(text(lines.get(0))).isEqualTo("+PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
    assertThat(text(lines.get(13))).isEqualTo("+    Prints this help.");
    assertThat(text(pub.exec("PUBSUB", "HELP", "x")))
        .isEqualTo("-ERR wrong number of arguments for 'pubsub|help' command");
  }

  @Test
  void flags() {
    var table = t.node.commands();
    for (String name : new String[] {"subscribe", "unsubscribe", "psubscribe", "punsubscribe"}) {
      assertThat(table.lookup(name).has(CommandFlag.PUBSUB_CONTEXT)).as(name).isTrue();
      assertThat(table.lookup(name).has(CommandFlag.PUBSUB)).as(name).isTrue();
    }
    assertThat(table.lookup("publish").has(CommandFlag.PUBSUB_CONTEXT)).isFalse();
    assertThat(table.lookup("publish").arity()).isEqualTo(3);
    assertThat(table.lookup("pubsub").subcommands().keySet())
        .containsExactlyInAnyOrder("channels", "numsub", "numpat", "shardchannels", "shardnumsub", "help");
    assertThat(table.lookup("pubsub").subcommands().get("numpat").name()).isEqualTo("pubsub|numpat");
  }
}
