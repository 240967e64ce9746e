package io.kvstore.core.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvstore.core.replication.ReplicaHandshake.Action;
import io.kvstore.core.replication.ReplicaHandshake.State;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaHandshakeTest {

  private static ReplicaHandshake started(ReplicaHandshake.Settings s) {
    ReplicaHandshake h = new ReplicaHandshake(s);
    h.onConnecting(0);
    return h;
  }

  private static String sent(List<Action> actions) {
    StringBuilder sb = new StringBuilder();
    for (Action a : actions) {
      if (a instanceof ReplicaHandshake.Send s) sb.append(new String(s.bytes(), StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  @Test
  void pipelinedHandshakeWithUserPasswordAndAnnounceIp() {
    ReplicaHandshake h = started(ReplicaHandshake.Settings.of("u1", "pw", 7001, "1.2.3.4"));
    assertThat(sent(h.onConnected(0))).isEqualTo("*1\r\n$4\r\nPING\r\n");
    // the exact bytes a real 7.0.15 replica sent in the same configuration
    assertThat(sent(h.onLine("+PONG", 1))).isEqualTo("*3\r\n$4\r\nAUTH\r\n$2\r\nu1\r\n$2\r\npw\r\n"
        + "*3\r\n$8\r\nREPLCONF\r\n$14\r\nlistening-port\r\n$4\r\n7001\r\n"
        + "*3\r\n$8\r\nREPLCONF\r\n$10\r\nip-address\r\n$7\r\n1.2.3.4\r\n"
        + "*5\r\n$8\r\nREPLCONF\r\n$4\r\ncapa\r\n$3\r\neof\r\n$4\r\ncapa\r\n$6\r\npsync2\r\n");
    assertThat(h.state()).isEqualTo(State.RECEIVE_AUTH_REPLY);
    assertThat(h.onLine("+OK", 2)).isEmpty();
    assertThat(h.onLine("+OK", 2)).isEmpty();
    assertThat(h.state()).isEqualTo(State.RECEIVE_IP_REPLY);
    assertThat(h.onLine("+OK", 2)).isEmpty();
    assertThat(sent(h.onLine("+OK", 2))).isEqualTo("*3\r\n$5\r\nPSYNC\r\n$1\r\n?\r\n$2\r\n-1\r\n");
    assertThat(h.state()).isEqualTo(State.RECEIVE_PSYNC_REPLY);
    assertThat(h.onLine("", 3)).isEmpty();
    List<Action> a = h.onLine("+FULLRESYNC " + SequenceRandom.id('b') + " 100", 4);
    assertThat(a).containsExactly(new ReplicaHandshake.StartFullSync(SequenceRandom.id('b'), 100));
    assertThat(h.state()).isEqualTo(State.TRANSFER);
    h.onSyncLoaded(5);
    assertThat(h.state()).isEqualTo(State.CONNECTED);
  }

  @Test
  void passwordWithoutUserAndNoAnnounceIp() {
    ReplicaHandshake h = started(ReplicaHandshake.Settings.of("", "secret", 6380, null));
    h.onConnected(0);
    assertThat(sent(h.onLine("+PONG", 0))).startsWith("*2\r\n$4\r\nAUTH\r\n$6\r\nsecret\r\n*3\r\n")
        .doesNotContain("ip-address");
    h.onLine("+OK", 0);
    assertThat(h.state()).isEqualTo(State.RECEIVE_PORT_REPLY);
    h.onLine("+OK", 0);
    assertThat(h.state()).isEqualTo(State.RECEIVE_CAPA_REPLY);
  }

  @Test
  void cachedMasterPsyncsWithOffsetPlusOne() {
    ReplicaHandshake h = started(ReplicaHandshake.Settings.of("", "", 6380, ""));
    h.setCachedMaster(SequenceRandom.id('3'), 225);
    h.onConnected(0);
    h.onLine("+PONG", 0);
    h.onLine("+OK", 0);
    assertThat(sent(h.onLine("+OK", 0))).isEqualTo(
        "*3\r\n$5\r\nPSYNC\r\n$40\r\n" + SequenceRandom.id('3') + "\r\n$3\r\n226\r\n");
    assertThat(h.onLine("+CONTINUE " + SequenceRandom.id('3'), 0))
        .containsExactly(new ReplicaHandshake.Continue(null));
    assertThat(h.state()).isEqualTo(State.CONNECTED);
  }

  @Test
  void continueWithNewIdReportsIt() {
    ReplicaHandshake h = toPsyncReply(SequenceRandom.id('3'));
    assertThat(h.onLine("+CONTINUE " + SequenceRandom.id('4'), 0))
        .containsExactly(new ReplicaHandshake.Continue(SequenceRandom.id('4')));
  }

  @Test
  void pingRepliesAcceptedAndRefused() {
    for (String ok : new String[] {"+PONG", "+anything", "-NOAUTH Authentication required.",
        "-NOPERM no", "-ERR operation not permitted"}) {
      ReplicaHandshake h = started(ReplicaHandshake.Settings.of("", "", 1, ""));
      h.onConnected(0);
      h.onLine(ok, 0);
      assertThat(h.state()).as(ok).isEqualTo(State.RECEIVE_PORT_REPLY);
    }
    for (String bad : new String[] {"-ERR unknown command 'PING'", "", "$4"}) {
      ReplicaHandshake h = started(ReplicaHandshake.Settings.of("", "", 1, ""));
      h.onConnected(0);
      assertThat(h.onLine(bad, 0)).containsExactly(
          new ReplicaHandshake.Fail("Error reply to PING from master: '" + bad + "'"));
      assertThat(h.state()).isEqualTo(State.CONNECT);
    }
  }

  @Test
  void authErrorAbortsButReplconfErrorsAreIgnored() {
    ReplicaHandshake h = started(ReplicaHandshake.Settings.of("", "pw", 1, "10.1.1.1"));
    h.onConnected(0);
    h.onLine("+PONG", 0);
    assertThat(h.onLine("-WRONGPASS invalid username-password pair or user is disabled.", 0))
        .containsExactly(new ReplicaHandshake.Fail(
            "Unable to AUTH to MASTER: -WRONGPASS invalid username-password pair or user is disabled."));
    assertThat(h.state()).isEqualTo(State.CONNECT);

    ReplicaHandshake g = started(ReplicaHandshake.Settings.of("", "", 1, "10.1.1.1"));
    g.onConnected(0);
    g.onLine("+PONG", 0);
    assertThat(g.onLine("-ERR x", 0)).hasOnlyElementsOfType(ReplicaHandshake.Log.class);
    assertThat(g.onLine("-ERR y", 0)).hasOnlyElementsOfType(ReplicaHandshake.Log.class);
    assertThat(sent(g.onLine("-ERR z", 0))).startsWith("*3\r\n$5\r\nPSYNC");
  }

  @Test
  void psyncRefusals() {
    assertThat(toPsyncReply(null).onLine("-NOMASTERLINK Can't SYNC while not connected with my master", 0))
        .singleElement().isInstanceOf(ReplicaHandshake.RetryLater.class);
    assertThat(toPsyncReply(null).onLine("-LOADING Redis is loading the dataset in memory", 0))
        .singleElement().isInstanceOf(ReplicaHandshake.RetryLater.class);
    ReplicaHandshake h = toPsyncReply(null);
    List<Action> a = h.onLine("-ERR unknown command 'PSYNC'", 0);
    assertThat(sent(a)).isEqualTo("SYNC\r\n");
    assertThat(a).contains(new ReplicaHandshake.FallbackToSync());
    assertThat(h.state()).isEqualTo(State.TRANSFER);
    // an unexpected non-error reply also falls back
    assertThat(sent(toPsyncReply(null).onLine("+WHAT", 0))).isEqualTo("SYNC\r\n");
  }

  @Test
  void malformedFullResyncBlanksIdAndOffset() {
    assertThat(toPsyncReply(null).onLine("+FULLRESYNC " + SequenceRandom.id('1'), 0))
        .contains(new ReplicaHandshake.StartFullSync("", -1));
    assertThat(toPsyncReply(null).onLine("+FULLRESYNC abc 5", 0))
        .contains(new ReplicaHandshake.StartFullSync("", -1));
  }

  @Test
  void stepTimeoutsAndReplTimeouts() {
    ReplicaHandshake h = started(ReplicaHandshake.Settings.of("", "", 1, ""));
    h.onConnected(1000);
    assertThat(h.onTimeout(6000)).isEmpty();
    assertThat(h.onTimeout(6001)).containsExactly(
        new ReplicaHandshake.RetryLater("Master did not respond to command during SYNC handshake"));
    assertThat(h.state()).isEqualTo(State.CONNECT);

    ReplicaHandshake p = toPsyncReply(null);
    p.onLine("", 10_000); // a keepalive refreshes the clock
    assertThat(p.onTimeout(15_000)).isEmpty();
    assertThat(p.onTimeout(15_001)).containsExactly(
        new ReplicaHandshake.RetryLater("Master did not reply to PSYNC, will try later"));

    ReplicaHandshake c = new ReplicaHandshake(ReplicaHandshake.Settings.of("", "", 1, ""));
    c.onConnecting(0);
    assertThat(c.onTimeout(60_999)).isEmpty();
    assertThat(c.onTimeout(61_000)).singleElement().isInstanceOf(ReplicaHandshake.Fail.class);

    ReplicaHandshake t = toPsyncReply(null);
    t.onLine("+FULLRESYNC " + SequenceRandom.id('1') + " 0", 0);
    t.onIo(30_000);
    assertThat(t.onTimeout(90_999)).isEmpty();
    assertThat(t.onTimeout(91_000)).singleElement().isInstanceOf(ReplicaHandshake.Fail.class);
  }

  @Test
  void roleNames() {
    assertThat(State.CONNECT.roleName()).isEqualTo("connect");
    assertThat(State.CONNECTING.roleName()).isEqualTo("connecting");
    assertThat(State.RECEIVE_CAPA_REPLY.roleName()).isEqualTo("handshake");
    assertThat(State.TRANSFER.roleName()).isEqualTo("sync");
    assertThat(State.CONNECTED.roleName()).isEqualTo("connected");
  }

  @Test
  void eventsOutOfOrderAreRejected() {
    ReplicaHandshake h = new ReplicaHandshake(ReplicaHandshake.Settings.of("", "", 1, ""));
    assertThatThrownBy(() -> h.onConnected(0)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> h.onLine("+OK", 0)).isInstanceOf(IllegalStateException.class);
  }

  private static ReplicaHandshake toPsyncReply(String cachedId) {
    ReplicaHandshake h = started(ReplicaHandshake.Settings.of("", "", 1, ""));
    if (cachedId != null) h.setCachedMaster(cachedId, 10);
    h.onConnected(0);
    h.onLine("+PONG", 0);
    h.onLine("+OK", 0);
    h.onLine("+OK", 0);
    assertThat(h.state()).isEqualTo(State.RECEIVE_PSYNC_REPLY);
    return h;
  }
}
