package io.kvstore.core.cmd.string;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GetExGetDelTest extends StringTestBase {

  @Test
  void plainGetExReadsAndChangesNothing() {
    given("SET k v EX 10");
    assertThat(run("GETEX", "k")).isEqualTo("\"v\"");
    assertThat(run("GETEX", "missing")).isEqualTo("(nil)");
    assertThat(storedExpiry("k")).isEqualTo(T0 + 10_000);
    assertThat(effects()).isEmpty();
  }

  @Test
  void relativeExpiriesPropagateAsPexpireat() {
    given("SET k v");
    assertThat(run("GETEX", "k", "EX", "10")).isEqualTo("\"v\"");
    assertThat(storedExpiry("k")).isEqualTo(T0 + 10_000);
    assertThat(run("GETEX", "k", "px", "20")).isEqualTo("\"v\"");
    assertThat(storedExpiry("k")).isEqualTo(T0 + 20);
    assertThat(effects()).containsExactly(
        "0:PEXPIREAT k " + (T0 + 10_000), "0:PEXPIREAT k " + (T0 + 20));
    advance(20);
    assertThat(run("GET", "k")).isEqualTo("(nil)");
  }

  @Test
  void absoluteExpiriesInTheFuture() {
    given("SET k v");
    run("GETEX", "k", "EXAT", "1800000000");
    assertThat(storedExpiry("k")).isEqualTo(1_800_000_000_000L);
    run("GETEX", "k", "PXAT", "1800000000001");
    assertThat(storedExpiry("k")).isEqualTo(1_800_000_000_001L);
    assertThat(effects()).containsExactly(
        "0:PEXPIREAT k 1800000000000", "0:PEXPIREAT k 1800000000001");
  }

  @Test
  void absoluteExpiryNowOrPastDeletesTheKey() {
    given("SET a v", "SET b w");
    assertThat(run("GETEX", "a", "EXAT", "1")).isEqualTo("\"v\"");
    assertThat(run("GETEX", "b", "PXAT", Long.toString(T0))).isEqualTo("\"w\"");
    assertThat(stored("a")).isFalse();
    assertThat(stored("b")).isFalse();
    assertThat(effects()).containsExactly("0:DEL a", "0:DEL b");
  }

  @Test
  void onAReplicaAPastExpiryIsStoredNotDeleted() {
    given("SET a v");
    node.node.setDeletesExpiredKeys(false);
    assertThat(run("GETEX", "a", "PXAT", "5")).isEqualTo("\"v\"");
    assertThat(storedExpiry("a")).isEqualTo(5L);
    assertThat(effects()).containsExactly("0:PEXPIREAT a 5");
  }

  @Test
  void persistPropagatesOnlyWhenATtlWasRemoved() {
    given("SET k v PX 100", "SET plain v");
    assertThat(run("GETEX", "k", "PERSIST")).isEqualTo("\"v\"");
    assertThat(storedExpiry("k")).isEqualTo(-1L);
    assertThat(run("GETEX", "k", "persist")).isEqualTo("\"v\"");
    assertThat(run("GETEX", "plain", "PERSIST")).isEqualTo("\"v\"");
    assertThat(effects()).containsExactly("0:PERSIST k");
    advance(1_000);
    assertThat(run("GET", "k")).isEqualTo("\"v\"");
  }

  @Test
  void expiredKeyReadsAsMissing() {
    given("SET k v PX 10");
    advance(10);
    assertThat(run("GETEX", "k", "PERSIST")).isEqualTo("(nil)");
    assertThat(effects()).containsExactly("0:DEL k");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "PERSIST EX 10", "EX 10 PERSIST", "EX 10 PX 10", "PXAT 1 EXAT 1", "NX", "XX", "GET",
      "KEEPTTL", "EX", "foo", "EX 0 foo"})
  void syntaxErrors(String options) {
    given("SET k v");
    assertThat(run(("GETEX k " + options).split(" "))).isEqualTo("-ERR syntax error");
    assertThat(run(("GETEX missing " + options).split(" "))).isEqualTo("-ERR syntax error");
    assertThat(effects()).isEmpty();
  }

  @Test
  void invalidExpireOnlyMattersForAnExistingKey() {
    given("SET k v");
    assertThat(run("GETEX", "k", "EX", "0")).isEqualTo("-ERR invalid expire time in 'getex' command");
    assertThat(run("GETEX", "k", "PX", "9223372036854775807"))
        .isEqualTo("-ERR invalid expire time in 'getex' command");
    assertThat(run("GETEX", "k", "EXAT", "abc")).isEqualTo("-ERR value is not an integer or out of range");
    assertThat(run("GETEX", "missing", "EX", "0")).isEqualTo("(nil)");
    assertThat(run("GETEX", "missing", "EX", "abc")).isEqualTo("(nil)");
    assertThat(storedExpiry("k")).isEqualTo(-1L);
    assertThat(effects()).isEmpty();
    assertThat(run("GETEX")).isEqualTo("-ERR wrong number of arguments for 'getex' command");
  }

  @Test
  void getDel() {
    given("SET k v EX 100");
    assertThat(run("GETDEL", "k")).isEqualTo("\"v\"");
    assertThat(stored("k")).isFalse();
    assertThat(run("GETDEL", "k")).isEqualTo("(nil)");
    assertThat(effects()).containsExactly("0:DEL k");
    assertThat(run("GETDEL", "k", "x")).isEqualTo("-ERR wrong number of arguments for 'getdel' command");
  }

  @Test
  void getDelUnlinksWithLazyUserDel() {
    node.config.set("lazyfree-lazy-user-del", "yes", false);
    given("SET k v");
    run("GETDEL", "k");
    assertThat(effects()).containsExactly("0:UNLINK k");
  }

  @Test
  void getDelOnExpiredKeyOnlyPropagatesTheExpiry() {
    given("SET k v PX 1");
    advance(1);
    assertThat(run("GETDEL", "k")).isEqualTo("(nil)");
    assertThat(effects()).containsExactly("0:DEL k");
  }
}
