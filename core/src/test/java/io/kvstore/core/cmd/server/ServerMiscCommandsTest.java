package io.kvstore.core.cmd.server;

import static io.kvstore.core.testing.Replies.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.core.engine.Lifecycle;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.testing.TestNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerMiscCommandsTest {
  private final TestNode t = new TestNode();
  private final TestNode.Client c = t.client();

  /** Records what the commands asked of the process. */
  static final class FakeLifecycle implements Lifecycle {
    final List<Boolean> shutdowns = new ArrayList<>();
    int saves;
    boolean saveResult = true;

    @Override public void shutdown(boolean save) { shutdowns.add(save); }
    @Override public boolean save() { saves++; return saveResult; }
  }

  private final FakeLifecycle life = new FakeLifecycle();

  {
    t.node.setLifecycle(life);
  }

  @Test
  void timeComesFromTheClock() {
    t.clock.set(1_700_000_123_456L);
    assertThat(text(c.exec("TIME"))).isEqualTo("[\"1700000123\", \"456000\"]");
    assertThat(text(c.exec("TIME", "x"))).isEqualTo("-ERR wrong number of arguments for 'time' command");
  }

  @Test
  void saveUpdatesLastSaveAndResetsDirty() {
    long start = t.clock.millis() / 1000;
    assertThat(c.exec("LASTSAVE")).isEqualTo(Reply.integer(start));
    t.node.stats().dirty = 12;
    t.clock.advance(10_000);
    assertThat(text(c.exec("SAVE"))).isEqualTo("+OK");
    assertThat(life.saves).isEqualTo(1);
    assertThat(t.node.stats().dirty).isZero();
    assertThat(c.exec("LASTSAVE")).isEqualTo(Reply.integer(start + 10));
    t.clock.advance(5_000);
    assertThat(text(c.exec("BGSAVE"))).isEqualTo("+Background saving started");
    assertThat(text(c.exec("BGSAVE", "SCHEDULE"))).isEqualTo("+Background saving started");
    assertThat(text(c.exec("BGSAVE", "NOW"))).isEqualTo("-ERR syntax error");
    assertThat(life.saves).isEqualTo(3);
    assertThat(c.exec("LASTSAVE")).isEqualTo(Reply.integer(start + 15));
    assertThat(t.node.stats().rdbSaves).isEqualTo(3);
  }

  @Test
  void failedSaveKeepsLastSaveAndReportsErr() {
    life.saveResult = false;
    t.node.stats().dirty = 3;
    t.clock.advance(10_000);
    assertThat(text(c.exec("SAVE"))).isEqualTo("-ERR");
    assertThat(t.node.stats().dirty).isEqualTo(3);
    assertThat(c.exec("LASTSAVE")).isEqualTo(Reply.integer(t.clock.millis() / 1000 - 10));
    assertThat(t.node.lastSaveOk()).isFalse();
  }

  @Test
  void saveAndShutdownAreRefusedInMulti() {
    c.session.beginMulti();
    assertThat(text(c.exec("SAVE"))).isEqualTo("-ERR Command not allowed inside a transaction");
    assertThat(text(c.exec("SHUTDOWN"))).isEqualTo("-ERR Command not allowed inside a transaction");
    c.session.endMulti();
  }

  @Test
  void shutdownClosesWithoutReply() {
    assertThat(c.exec("SHUTDOWN", "NOSAVE", "NOW")).isEqualTo(Reply.NONE);
    assertThat(life.shutdowns).containsExactly(false);
    assertThat(c.closed).isTrue();
    assertThat(c.received).isEmpty();
    TestNode.Client d = t.client();
    d.exec("SHUTDOWN");
    d.exec("SHUTDOWN", "SAVE", "FORCE");
    t.config.set("save", "", true);
    t.config.set("appendonly", "no", true);
    d.exec("SHUTDOWN");
    assertThat(life.shutdowns).containsExactly(false, true, true, false);
  }

  @Test
  void shutdownErrors() {
    assertThat(text(c.exec("SHUTDOWN", "foo"))).isEqualTo("-ERR syntax error");
    assertThat(text(c.exec("SHUTDOWN", "NOSAVE", "SAVE"))).isEqualTo("-ERR syntax error");
    assertThat(text(c.exec("SHUTDOWN", "ABORT", "NOW"))).isEqualTo("-ERR syntax error");
    assertThat(text(c.exec("SHUTDOWN", "ABORT"))).isEqualTo("-ERR No shutdown in progress.");
    assertThat(life.shutdowns).isEmpty();
    assertThat(c.closed).isFalse();
  }

  @Test
  void debugIsRefusedUnlessEnabled() {
    String refused = "-ERR DEBUG command not allowed. If the enable-debug-command option is set to "
        + "\"local\", you can run it from a local connection, otherwise you need to set this option "
        + "in the configuration file, and then restart the server.";
    assertThat(text(c.exec("DEBUG", "SLEEP", "0"))).isEqualTo(refused);
    assertThat(text(c.exec("DEBUG"))).isEqualTo("-ERR wrong number of arguments for 'debug' command");
    t.config.set("enable-debug-command", "local", true);
    assertThat(text(c.exec("DEBUG", "SLEEP", "0"))).isEqualTo("+OK");
    assertThat(text(c.exec("debug", "help"))).isEqualTo("[+DEBUG <subcommand> [<arg> [value] [opt] ...]. "
        + "Subcommands are:, +SLEEP <seconds>, +    Stop the server for <seconds>. Decimals allowed., "
        + "+HELP, +    Prints this help.]");
    assertThat(text(c.exec("DEBUG", "RELOAD"))).isEqualTo(
        "-ERR unknown subcommand or wrong number of arguments for 'RELOAD'. Try DEBUG HELP.");
    assertThat(text(c.exec("DEBUG", "SLEEP"))).isEqualTo(
        "-ERR unknown subcommand or wrong number of arguments for 'SLEEP'. Try DEBUG HELP.");
  }

  @Test
  void strtodTakesTheNumericPrefix() {
    assertThat(Debug.strtod("0.5")).isEqualTo(0.5);
    assertThat(Debug.strtod("2abc")).isEqualTo(2.0);
    assertThat(Debug.strtod("abc")).isEqualTo(0.0);
    assertThat(Debug.strtod("1e-3")).isEqualTo(0.001);
  }
}
