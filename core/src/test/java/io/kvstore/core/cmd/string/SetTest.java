package io.kvstore.core.cmd.string;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SetTest extends StringTestBase {

  @Test
  void setThenGet() {
    assertThat(run("SET", "k", "v")).isEqualTo("+OK");
    assertThat(run("GET", "k")).isEqualTo("\"v\"");
    assertThat(run("GET", "missing")).isEqualTo("(nil)");
    assertThat(run("SET", "k", "")).isEqualTo("+OK");
    assertThat(run("GET", "k")).isEqualTo("\"\"");
  }

  @Test
  void plainSetPropagatesItsArgvAsSent() {
    run("set", "k", "v");
    run("SET", "k", "v2", "keepttl");
    assertThat(effects()).containsExactly("0:set k v", "0:SET k v2 keepttl");
  }

  @Test
  void setWithoutKeepTtlClearsTheTtlAndKeepTtlKeepsIt() {
    given("SET k v EX 100");
    assertThat(storedExpiry("k")).isEqualTo(T0 + 100_000);
    run("SET", "k", "v2", "KEEPTTL");
    assertThat(storedExpiry("k")).isEqualTo(T0 + 100_000);
    run("SET", "k", "v3");
    assertThat(storedExpiry("k")).isEqualTo(-1L);
    run("SET", "fresh", "v", "KEEPTTL");
    assertThat(storedExpiry("fresh")).isEqualTo(-1L);
  }

  @Test
  void relativeExpiriesBecomeAbsolutePxatEffects() {
    run("SET", "a", "1", "EX", "10");
    run("SET", "b", "2", "px", "1500");
    run("SET", "c", "3", "EXAT", "1800000000");
    run("SET", "d", "4", "PXAT", "1800000000123");
    assertThat(storedExpiry("a")).isEqualTo(T0 + 10_000);
    assertThat(storedExpiry("b")).isEqualTo(T0 + 1_500);
    assertThat(storedExpiry("c")).isEqualTo(1_800_000_000_000L);
    assertThat(storedExpiry("d")).isEqualTo(1_800_000_000_123L);
    assertThat(effects()).containsExactly(
        "0:SET a 1 PXAT " + (T0 + 10_000),
        "0:SET b 2 PXAT " + (T0 + 1_500),
        "0:SET c 3 PXAT 1800000000000",
        "0:SET d 4 PXAT 1800000000123");
  }

  @Test
  void keyExpiresExactlyAtItsTime() {
    given("SET k v PX 1000");
    advance(999);
    assertThat(run("GET", "k")).isEqualTo("\"v\"");
    advance(1);
    assertThat(run("GET", "k")).isEqualTo("(nil)");
    assertThat(stored("k")).isFalse();
    assertThat(effects()).containsExactly("0:DEL k");
  }

  @Test
  void repeatedExpiryOptionLastOneWins() {
    assertThat(run("SET", "k", "v", "EX", "10", "EX", "20")).isEqualTo("+OK");
    assertThat(storedExpiry("k")).isEqualTo(T0 + 20_000);
    assertThat(run("SET", "k", "v", "NX", "NX")).isEqualTo("(nil)");
    assertThat(run("SET", "k", "v", "KEEPTTL", "KEEPTTL")).isEqualTo("+OK");
    assertThat(storedExpiry("k")).isEqualTo(T0 + 20_000);
  }

  @Test
  void pastAbsoluteExpiryStoresAnAlreadyExpiredKey() {
    assertThat(run("SET", "k", "v", "EXAT", "1")).isEqualTo("+OK");
    assertThat(effects()).containsExactly("0:SET k v PXAT 1000");
    assertThat(stored("k")).isTrue();
    assertThat(run("GET", "k")).isEqualTo("(nil)");
    assertThat(effects()).containsExactly("0:DEL k");
  }

  @Test
  void nxAndXx() {
    assertThat(run("SET", "k", "v", "XX")).isEqualTo("(nil)");
    assertThat(run("SET", "k", "v", "NX")).isEqualTo("+OK");
    assertThat(run("SET", "k", "v2", "NX")).isEqualTo("(nil)");
    assertThat(run("SET", "k", "v3", "XX", "EX", "5")).isEqualTo("+OK");
    assertThat(run("GET", "k")).isEqualTo("\"v3\"");
    assertThat(effects()).containsExactly("0:SET k v NX", "0:SET k v3 PXAT " + (T0 + 5_000));
  }

  @Test
  void nxSucceedsOnAnExpiredKey() {
    given("SET k old PX 10");
    advance(10);
    assertThat(run("SET", "k", "new", "NX")).isEqualTo("+OK");
    assertThat(run("GET", "k")).isEqualTo("\"new\"");
    assertThat(effects()).containsExactly("0:MULTI", "0:DEL k", "0:SET k new NX", "0:EXEC");
  }

  @Test
  void getReturnsTheOldValueWhateverNxXxDecide() {
    assertThat(run("SET", "k", "v1", "GET")).isEqualTo("(nil)");
    assertThat(run("SET", "k", "v2", "GET")).isEqualTo("\"v1\"");
    assertThat(run("SET", "k", "v3", "NX", "GET")).isEqualTo("\"v2\"");
    assertThat(run("GET", "k")).isEqualTo("\"v2\"");
    assertThat(run("SET", "other", "x", "XX", "GET")).isEqualTo("(nil)");
    assertThat(stored("other")).isFalse();
    assertThat(effects()).containsExactly("0:SET k v1", "0:SET k v2");
  }

  @Test
  void getWordsAreDroppedFromThePropagatedArgv() {
    given("SET k v");
    run("set", "k", "v2", "get", "XX", "Get", "KEEPTTL", "GET");
    assertThat(effects()).containsExactly("0:set k v2 XX KEEPTTL");
    // the value itself may be "get": only options are dropped
    run("SET", "k", "get", "GET");
    assertThat(effects()).containsExactly("0:SET k get");
  }

  @Test
  void getWithExpiryPropagatesPxat() {
    given("SET k v");
    assertThat(run("SET", "k", "v2", "GET", "PX", "50")).isEqualTo("\"v\"");
    assertThat(effects()).containsExactly("0:SET k v2 PXAT " + (T0 + 50));
  }

  @Test
  void getOnAnExpiredKeyPropagatesTheDeletionFirst() {
    given("SET k v PX 5");
    advance(5);
    assertThat(run("SET", "k", "v2", "GET")).isEqualTo("(nil)");
    assertThat(effects()).containsExactly("0:MULTI", "0:DEL k", "0:SET k v2", "0:EXEC");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "NX XX", "XX NX", "EX 10 PX 10", "PX 10 EX 10", "EX 10 EXAT 10", "EXAT 10 PXAT 10",
      "PXAT 10 PX 10", "EX 10 KEEPTTL", "KEEPTTL EX 10", "KEEPTTL PXAT 10", "EX", "PX",
      "KEEPTTL EXAT", "PERSIST", "foo", "EX abc foo", "EX 0 foo", "NX GETX", "GE"})
  void optionConflictsAreSyntaxErrors(String options) {
    String[] words = ("SET k v " + options).split(" ");
    assertThat(run(words)).isEqualTo("-ERR syntax error");
    assertThat(stored("k")).isFalse();
    assertThat(effects()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "EX 0", "EX -1", "PX 0", "PX -100", "EXAT 0", "PXAT -1", "EXAT -5",
      "PX 9223372036854775807", "EX 9223372036854775", "EX 9223372036854776",
      "EXAT 9223372036854776"})
  void invalidExpireTimes(String options) {
    String[] words = ("SET k v " + options).split(" ");
    assertThat(run(words)).isEqualTo("-ERR invalid expire time in 'set' command");
    assertThat(stored("k")).isFalse();
  }

  @Test
  void largestValidExpiries() {
    assertThat(run("SET", "a", "v", "PXAT", "9223372036854775807")).isEqualTo("+OK");
    assertThat(run("SET", "b", "v", "EXAT", "9223372036854775")).isEqualTo("+OK");
    assertThat(run("SET", "c", "v", "EX", "9223372036854")).isEqualTo("+OK");
    assertThat(storedExpiry("a")).isEqualTo(Long.MAX_VALUE);
    assertThat(storedExpiry("b")).isEqualTo(9_223_372_036_854_775_000L);
    assertThat(storedExpiry("c")).isEqualTo(9_223_372_036_854_000L + T0);
  }

  @Test
  void nonIntegerExpiry() {
    assertThat(run("SET", "k", "v", "EX", "abc")).isEqualTo("-ERR value is not an integer or out of range");
    assertThat(run("SET", "k", "v", "PX", "1.5")).isEqualTo("-ERR value is not an integer or out of range");
    assertThat(run("SET", "k", "v", "EX", " 1")).isEqualTo("-ERR value is not an integer or out of range");
  }

  @Test
  void invalidExpiryIsReportedBeforeGetAndChangesNothing() {
    given("SET k v");
    assertThat(run("SET", "k", "v2", "GET", "EX", "0")).isEqualTo("-ERR invalid expire time in 'set' command");
    assertThat(run("GET", "k")).isEqualTo("\"v\"");
    assertThat(effects()).isEmpty();
  }

  @Test
  void wrongArity() {
    assertThat(run("SET", "k")).isEqualTo("-ERR wrong number of arguments for 'set' command");
    assertThat(run("GET")).isEqualTo("-ERR wrong number of arguments for 'get' command");
    assertThat(run("GET", "a", "b")).isEqualTo("-ERR wrong number of arguments for 'get' command");
  }

  @Test
  void setNx() {
    assertThat(run("SETNX", "k", "v")).isEqualTo(":1");
    assertThat(run("SETNX", "k", "v2")).isEqualTo(":0");
    assertThat(run("GET", "k")).isEqualTo("\"v\"");
    assertThat(effects()).containsExactly("0:SETNX k v");
    assertThat(run("SETNX", "k")).isEqualTo("-ERR wrong number of arguments for 'setnx' command");
  }

  @Test
  void setEx() {
    given("SET k old");
    assertThat(run("SETEX", "k", "100", "v")).isEqualTo("+OK");
    assertThat(run("GET", "k")).isEqualTo("\"v\"");
    assertThat(storedExpiry("k")).isEqualTo(T0 + 100_000);
    assertThat(effects()).containsExactly("0:SET k v PXAT " + (T0 + 100_000));
    assertThat(run("SETEX", "k", "0", "v")).isEqualTo("-ERR invalid expire time in 'setex' command");
    assertThat(run("SETEX", "k", "-3", "v")).isEqualTo("-ERR invalid expire time in 'setex' command");
    assertThat(run("SETEX", "k", "9223372036854775", "v")).isEqualTo("-ERR invalid expire time in 'setex' command");
    assertThat(run("SETEX", "k", "abc", "v")).isEqualTo("-ERR value is not an integer or out of range");
    assertThat(run("SETEX", "k", "1")).isEqualTo("-ERR wrong number of arguments for 'setex' command");
    assertThat(effects()).isEmpty();
    advance(100_000);
    assertThat(run("GET", "k")).isEqualTo("(nil)");
  }

  @Test
  void pSetEx() {
    assertThat(run("PSETEX", "k", "1500", "v")).isEqualTo("+OK");
    assertThat(storedExpiry("k")).isEqualTo(T0 + 1_500);
    assertThat(effects()).containsExactly("0:SET k v PXAT " + (T0 + 1_500));
    assertThat(run("PSETEX", "k", "-5", "v")).isEqualTo("-ERR invalid expire time in 'psetex' command");
    assertThat(run("PSETEX", "k", "9223372036854775807", "v"))
        .isEqualTo("-ERR invalid expire time in 'psetex' command");
    advance(1_499);
    assertThat(run("GET", "k")).isEqualTo("\"v\"");
    advance(1);
    assertThat(run("GET", "k")).isEqualTo("(nil)");
  }

  @Test
  void getSet() {
    assertThat(run("GETSET", "k", "v1")).isEqualTo("(nil)");
    given("SET k v2 EX 100");
    assertThat(run("getset", "k", "v3")).isEqualTo("\"v2\"");
    assertThat(run("GET", "k")).isEqualTo("\"v3\"");
    assertThat(storedExpiry("k")).isEqualTo(-1L);
    assertThat(effects()).containsExactly("0:SET k v3");
  }

  @Test
  void getSetOnExpiredKey() {
    given("SET k v PX 1");
    advance(1);
    assertThat(run("GETSET", "k", "n")).isEqualTo("(nil)");
    assertThat(effects()).containsExactly("0:MULTI", "0:DEL k", "0:SET k n", "0:EXEC");
  }

  @Test
  void binaryValuesRoundTrip() {
    byte[] value = {0, (byte) 0xff, '\r', '\n', 7};
    client.execRaw(new byte[][] {"SET".getBytes(), "bin".getBytes(), value});
    var reply = client.exec("GET", "bin");
    assertThat(((io.kvstore.core.reply.Reply.Bulk) reply).value()).containsExactly(value);
  }
}
