package io.kvstore.core.cmd.tx;

import static io.kvstore.core.testing.Replies.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.core.command.CommandFlag;
import io.kvstore.core.testing.TestNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransactionCommandsTest {
  private TestNode t;
  private TestNode.Client c;
  private TestNode.Client other;

  @BeforeEach
  void setUp() {
    t = TestWrites.install(new TestNode());
    c = t.client();
    other = t.client();
  }

  @Test
  void multiQueuesAndExecRunsInOrder() {
    assertThat(text(c.exec("MULTI"))).isEqualTo("+OK");
    assertThat(c.session.inMulti()).isTrue();
    assertThat(text(c.exec("tset", "a", "1"))).isEqualTo("+QUEUED");
    assertThat(text(c.exec("tget", "a"))).isEqualTo("+QUEUED");
    assertThat(text(other.exec("tget", "a"))).isEqualTo("(nil)");
    assertThat(text(c.exec("EXEC"))).isEqualTo("[+OK, \"1\"]");
    assertThat(c.session.inMulti()).isFalse();
    assertThat(text(c.exec("tget", "a"))).isEqualTo("\"1\"");
  }

  @Test
  void emptyTransaction() {
    c.exec("MULTI");
    assertThat(text(c.exec("EXEC"))).isEqualTo("[]");
  }

  @Test
  void misuseErrors() {
    assertThat(text(c.exec("EXEC"))).isEqualTo("-ERR EXEC without MULTI");
    assertThat(text(c.exec("DISCARD"))).isEqualTo("-ERR DISCARD without MULTI");
    assertThat(text(c.exec("MULTI", "x"))).isEqualTo("-ERR wrong number of arguments for 'multi' command");
    assertThat(text(c.exec("WATCH"))).isEqualTo("-ERR wrong number of arguments for 'watch' command");
    assertThat(text(c.exec("UNWATCH", "x"))).isEqualTo("-ERR wrong number of arguments for 'unwatch' command");
    assertThat(text(c.exec("UNWATCH"))).isEqualTo("+OK");
  }

  @Test
  void nestedMultiAndWatchInsideMultiDoNotAbortTheTransaction() {
    c.exec("MULTI");
    assertThat(text(c.exec("MULTI"))).isEqualTo("-ERR MULTI calls can not be nested");
    assertThat(text(c.exec("WATCH", "x"))).isEqualTo("-ERR WATCH inside MULTI is not allowed");
    c.exec("tset", "a", "1");
    assertThat(text(c.exec("EXEC"))).isEqualTo("[+OK]");
    assertThat(c.session.watched()).isEmpty();
  }

  @Test
  void queueTimeErrorsAbortWithExecabort() {
    c.exec("MULTI");
    c.exec("tset", "a", "1");
    assertThat(text(c.exec("nosuchcommand", "x"))).startsWith("-ERR unknown command 'nosuchcommand'");
    assertThat(text(c.exec("tget"))).isEqualTo("-ERR wrong number of arguments for 'tget' command");
    assertThat(text(c.exec("EXEC"))).isEqualTo("-EXECABORT Transaction discarded because of previous errors.");
    assertThat(c.session.inMulti()).isFalse();
    assertThat(text(c.exec("tget", "a"))).isEqualTo("(nil)");
    assertThat(t.takeEffects()).isEmpty();
    assertThat(text(c.exec("EXEC"))).isEqualTo("-ERR EXEC without MULTI");
  }

  @Test
  void runtimeErrorIsJustThatElement() {
    c.exec("MULTI");
    c.exec("tset", "a", "1");
    assertThat(text(c.exec("HELLO", "9"))).isEqualTo("+QUEUED");
    c.exec("tget", "a");
    assertThat(text(c.exec("EXEC"))).isEqualTo("[+OK, -NOPROTO unsupported protocol version, \"1\"]");
  }

  @Test
  void discardDropsQueueAndWatches() {
    c.exec("WATCH", "k");
    c.exec("MULTI");
    c.exec("tset", "a", "1");
    assertThat(text(c.exec("DISCARD"))).isEqualTo("+OK");
    assertThat(c.session.inMulti()).isFalse();
    assertThat(c.session.watched()).isEmpty();
    assertThat(text(c.exec("tget", "a"))).isEqualTo("(nil)");
    other.exec("tset", "k", "x");
    c.exec("MULTI");
    assertThat(text(c.exec("EXEC"))).isEqualTo("[]");
  }

  @Test
  void watchedKeyWrittenByAnotherClientFailsExec() {
    assertThat(text(c.exec("WATCH", "k", "j"))).isEqualTo("+OK");
    other.exec("tset", "k", "theirs");
    t.takeEffects();
    c.exec("MULTI");
    c.exec("tset", "k", "mine");
    assertThat(text(c.exec("EXEC"))).isEqualTo("(nil-array)");
    assertThat(text(c.exec("tget", "k"))).isEqualTo("\"theirs\"");
    assertThat(t.takeEffects()).isEmpty();
    // watches are gone after EXEC: the next transaction goes through
    other.exec("tset", "k", "again");
    c.exec("MULTI");
    c.exec("tset", "k", "mine");
    assertThat(text(c.exec("EXEC"))).isEqualTo("[+OK]");
  }

  @Test
  void unwatchedOrOtherDbWritesDoNotFailExec() {
    c.exec("WATCH", "k");
    other.session.select(1);
    other.exec("tset", "k", "db1");
    other.exec("tset", "unrelated", "x");
    c.exec("MULTI");
    assertThat(text(c.exec("EXEC"))).isEqualTo("[]");
  }

  @Test
  void ownWritesBeforeMultiDirtyTheWatch() {
    c.exec("WATCH", "k");
    c.exec("tset", "k", "v");
    c.exec("MULTI");
    assertThat(text(c.exec("EXEC"))).isEqualTo("(nil-array)");
  }

  @Test
  void unwatchClearsAFiredWatch() {
    c.exec("WATCH", "k");
    other.exec("tset", "k", "v");
    assertThat(c.session.watchDirty()).isTrue();
    assertThat(text(c.exec("UNWATCH"))).isEqualTo("+OK");
    c.exec("MULTI");
    assertThat(text(c.exec("EXEC"))).isEqualTo("[]");
  }

  @Test
  void unwatchInsideMultiIsQueued() {
    c.exec("WATCH", "k");
    c.exec("MULTI");
    assertThat(text(c.exec("UNWATCH"))).isEqualTo("+QUEUED");
    other.exec("tset", "k", "v");
    assertThat(text(c.exec("EXEC"))).isEqualTo("(nil-array)");
  }

  @Test
  void watchAfterTheWatchFiredAddsNothing() {
    c.exec("WATCH", "k");
    other.exec("tset", "k", "v");
    assertThat(text(c.exec("WATCH", "j"))).isEqualTo("+OK");
    assertThat(c.session.watched()).extracting(w -> w.key.utf8()).containsExactly("k");
    c.exec("MULTI");
    assertThat(text(c.exec("EXEC"))).isEqualTo("(nil-array)");
  }

  @Test
  void watchedKeyThatExpiresBeforeExecFailsIt() {
    c.exec("tset", "k", "v", "100");
    c.exec("WATCH", "k");
    t.clock.advance(200);
    c.exec("MULTI");
    c.exec("tset", "x", "1");
    t.takeEffects();
    assertThat(text(c.exec("EXEC"))).isEqualTo("(nil-array)");
    assertThat(t.takeEffects()).isEmpty();
    assertThat(text(c.exec("tget", "x"))).isEqualTo("(nil)");
  }

  @Test
  void watchedLiveKeyDeletedByExpiryFailsExec() {
    c.exec("tset", "k", "v", "100");
    c.exec("WATCH", "k");
    t.clock.advance(200);
    assertThat(text(other.exec("tget", "k"))).isEqualTo("(nil)"); // lazy expiry deletes it
    assertThat(t.takeEffects()).contains("0:DEL k");
    c.exec("MULTI");
    assertThat(text(c.exec("EXEC"))).isEqualTo("(nil-array)");
  }

  @Test
  void keyAlreadyExpiredAtWatchThenDeletedByExpiryDoesNotFailExec() {
    c.exec("tset", "k", "v", "100");
    t.clock.advance(200);
    c.exec("WATCH", "k");
    assertThat(c.session.watched().get(0).expiredAtWatch).isTrue();
    assertThat(text(other.exec("tget", "k"))).isEqualTo("(nil)");
    assertThat(t.takeEffects()).containsExactly("0:SET k v PXAT 1700000000100", "0:DEL k");
    c.exec("MULTI");
    c.exec("tset", "x", "1");
    assertThat(text(c.exec("EXEC"))).isEqualTo("[+OK]");
    assertThat(t.takeEffects()).containsExactly("0:SET x 1");
  }

  @Test
  void keyAlreadyExpiredAtWatchAndStillStoredDoesNotFailExec() {
    c.exec("tset", "k", "v", "100");
    t.clock.advance(200);
    c.exec("WATCH", "k");
    c.exec("MULTI");
    assertThat(text(c.exec("EXEC"))).isEqualTo("[]");
  }

  @Test
  void keyAlreadyExpiredAtWatchThenRewrittenFailsExec() {
    c.exec("tset", "k", "v", "100");
    t.clock.advance(200);
    c.exec("WATCH", "k");
    other.exec("tset", "k", "new");
    c.exec("MULTI");
    assertThat(text(c.exec("EXEC"))).isEqualTo("(nil-array)");
  }

  @Test
  void twoWritesTravelAsMultiExec() {
    t.takeEffects();
    c.exec("MULTI");
    c.exec("tset", "a", "1");
    c.exec("tget", "a");
    c.exec("tset", "b", "2");
    assertThat(t.takeEffects()).isEmpty();
    c.exec("EXEC");
    assertThat(t.takeEffects()).containsExactly("0:MULTI", "0:SET a 1", "0:SET b 2", "0:EXEC");
  }

  @Test
  void oneWriteIsNotWrapped() {
    t.takeEffects();
    c.exec("MULTI");
    c.exec("tset", "a", "1");
    c.exec("tget", "a");
    c.exec("EXEC");
    assertThat(t.takeEffects()).containsExactly("0:SET a 1");
  }

  @Test
  void gatesAreCheckedAgainAtExec() {
    boolean[] readOnly = {false};
    t.node.gates().add((s, spec, argv) -> readOnly[0] && spec.has(CommandFlag.WRITE)
        ? "READONLY You can't write against a read only replica." : null);
    c.exec("WATCH", "k");
    c.exec("MULTI");
    c.exec("tget", "a");
    assertThat(text(c.exec("tset", "a", "1"))).isEqualTo("+QUEUED");
    readOnly[0] = true;
    assertThat(text(c.exec("EXEC"))).isEqualTo(
        "-EXECABORT Transaction discarded because of: READONLY You can't write against a read only replica.");
    assertThat(c.session.inMulti()).isFalse();
    assertThat(c.session.watched()).isEmpty();
    readOnly[0] = false;
    assertThat(text(c.exec("tget", "a"))).isEqualTo("(nil)");
  }

  @Test
  void queuedSubscribeBecomesItsExecElement() {
    c.exec("MULTI");
    c.exec("SUBSCRIBE", "ch");
    assertThat(text(c.exec("EXEC"))).isEqualTo("[>[\"subscribe\", \"ch\", :1]]");
    assertThat(c.takeReceived()).isEmpty();
    assertThat(c.session.subscriptionCount()).isEqualTo(1);
  }

  @Test
  void flags() {
    for (String name : new String[] {"multi", "exec", "discard", "watch"}) {
      assertThat(t.node.commands().lookup(name).has(CommandFlag.TX_CONTROL)).as(name).isTrue();
    }
    assertThat(t.node.commands().lookup("unwatch").has(CommandFlag.TX_CONTROL)).isFalse();
    var watch = t.node.commands().lookup("watch");
    assertThat(watch.firstKey()).isEqualTo(1);
    assertThat(watch.lastKey()).isEqualTo(-1);
    assertThat(watch.keyStep()).isEqualTo(1);
    assertThat(watch.group()).isEqualTo("transactions");
    assertThat(t.node.commands().lookup("exec").has(CommandFlag.SKIP_SLOWLOG)).isTrue();
    assertThat(t.node.commands().lookup("exec").has(CommandFlag.FAST)).isFalse();
  }
}
