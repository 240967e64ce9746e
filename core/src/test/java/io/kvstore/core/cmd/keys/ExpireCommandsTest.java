package io.kvstore.core.cmd.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.core.store.StoredValue;
import org.junit.jupiter.api.Test;

class ExpireCommandsTest extends KeyTestBase {

  @Test
  void expireSetsTtlAndPropagatesAbsolutePexpireat() {
    put("k", "v");
    expect(":1", "expire", "k", "100");
    assertThat(stored(0, "k").expireAt()).isEqualTo(now() + 100_000);
    assertThat(t.takeEffects()).containsExactly("0:PEXPIREAT k " + (now() + 100_000));
    expect(":100", "TTL", "k");
    expect(":100000", "PTTL", "k");
    expect(":" + (now() / 1000 + 100), "EXPIRETIME", "k");
    expect(":" + (now() + 100_000), "PEXPIRETIME", "k");
  }

  @Test
  void eachVariantComputesItsAbsoluteTime() {
    put("k", "v");
    expect(":1", "PEXPIRE", "k", "1500");
    expect(":1", "EXPIREAT", "k", "2000000000");
    expect(":1", "PEXPIREAT", "k", "2000000000123");
    assertThat(t.takeEffects()).containsExactly(
        "0:PEXPIREAT k " + (now() + 1500),
        "0:PEXPIREAT k 2000000000000",
        "0:PEXPIREAT k 2000000000123");
  }

  @Test
  void optionsArePropagatedAsSent() {
    put("k", "v", now() + 10_000);
    expect(":1", "EXPIRE", "k", "100", "gt");
    assertThat(t.takeEffects()).containsExactly("0:PEXPIREAT k " + (now() + 100_000) + " gt");
  }

  @Test
  void ttlRoundsSecondsAndNeverGoesNegative() {
    put("k", "v", now() + 1499);
    expect(":1", "TTL", "k");
    put("k", "v", now() + 1500);
    expect(":2", "TTL", "k");
    expect(":-2", "TTL", "missing");
    expect(":-2", "PEXPIRETIME", "missing");
    put("p", "v");
    expect(":-1", "TTL", "p");
    expect(":-1", "PTTL", "p");
    expect(":-1", "EXPIRETIME", "p");
    expect(":-1", "PEXPIRETIME", "p");
  }

  @Test
  void expiryViaClockAdvance() {
    put("k", "v");
    expect(":1", "PEXPIRE", "k", "100");
    t.clock.advance(99);
    expect(":1", "PTTL", "k");
    t.clock.advance(1);
    expect(":-2", "TTL", "k");
    expect("[]", "KEYS", "*");
    assertThat(stored(0, "k")).isNull();
    t.takeEffects();
  }

  @Test
  void missingKeyAnswersZeroWithoutEffects() {
    expect(":0", "EXPIRE", "nokey", "10");
    expect(":0", "PERSIST", "nokey");
    assertThat(t.takeEffects()).isEmpty();
  }

  @Test
  void pastOrPresentTimeDeletesTheKeyAndPropagatesDel() {
    put("a", "v");
    put("b", "v");
    put("c", "v");
    expect(":1", "EXPIRE", "a", "-1");
    expect(":1", "PEXPIREAT", "b", Long.toString(now()));
    expect(":1", "EXPIRE", "c", "0");
    assertThat(t.takeEffects()).containsExactly("0:DEL a", "0:DEL b", "0:DEL c");
    expect(":0", "EXISTS", "a", "b", "c");
    assertThat(t.node.stats().expiredKeys).isZero();
  }

  @Test
  void onAReplicaAPastTimeIsStoredAndTheKeyKept() {
    t.node.setDeletesExpiredKeys(false);
    c.session.setKind(io.kvstore.core.engine.ClientSession.Kind.MASTER);
    put("a", "v");
    expect(":1", "PEXPIREAT", "a", "1000");
    assertThat(stored(0, "a").expireAt()).isEqualTo(1000);
  }

  @Test
  void nxXxGtLt() {
    put("k", "v");
    expect(":0", "EXPIRE", "k", "100", "XX");
    expect(":0", "EXPIRE", "k", "100", "GT");
    expect(":1", "EXPIRE", "k", "100", "LT");
    expect(":0", "EXPIRE", "k", "200", "NX");
    expect(":1", "EXPIRE", "k", "200", "XX");
    expect(":0", "EXPIRE", "k", "200", "GT");
    expect(":1", "EXPIRE", "k", "300", "GT");
    expect(":0", "EXPIRE", "k", "300", "LT");
    expect(":1", "EXPIRE", "k", "50", "lt");
    expect(":50", "TTL", "k");
    put("n", "v");
    expect(":1", "EXPIRE", "n", "10", "NX");
    expect(":0", "EXPIRE", "n", "20", "nx");
    expect(":10", "TTL", "n");
  }

  @Test
  void optionErrorsComeBeforeTheNumberAndTheKey() {
    expect("-ERR NX and XX, GT or LT options at the same time are not compatible",
        "EXPIRE", "k", "10", "NX", "XX");
    expect("-ERR NX and XX, GT or LT options at the same time are not compatible",
        "EXPIRE", "k", "abc", "GT", "NX");
    expect("-ERR NX and XX, GT or LT options at the same time are not compatible",
        "PEXPIRE", "k", "10", "nx", "lt");
    expect("-ERR GT and LT options at the same time are not compatible",
        "EXPIRE", "k", "10", "GT", "LT");
    expect("-ERR Unsupported option foo", "PEXPIRE", "nokey", "10", "foo");
    expect("-ERR Unsupported option Bar", "EXPIRE", "k", "10", "GT", "Bar");
    expect("-ERR value is not an integer or out of range", "EXPIRE", "k", "abc");
    expect("-ERR value is not an integer or out of range", "EXPIRE", "k", "1.5");
    expect("-ERR wrong number of arguments for 'expire' command", "EXPIRE", "k");
  }

  @Test
  void overflowIsAnInvalidExpireTime() {
    put("k", "v");
    expect("-ERR invalid expire time in 'expire' command", "EXPIRE", "k", "9223372036854775807");
    expect("-ERR invalid expire time in 'expire' command", "EXPIRE", "k", "-9223372036854775808");
    expect("-ERR invalid expire time in 'pexpire' command", "PEXPIRE", "k", "9223372036854775807");
    expect("-ERR invalid expire time in 'expireat' command", "EXPIREAT", "k", "9223372036854776");
    expect(":1", "EXPIREAT", "k", "9223372036854775");
    expect(":1", "PEXPIREAT", "k", "9223372036854775807");
    assertThat(stored(0, "k").expireAt()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void persistRemovesTtlAndPropagatesOnlyThen() {
    put("k", "v", now() + 5000);
    expect(":1", "persist", "k");
    assertThat(stored(0, "k").expireAt()).isEqualTo(StoredValue.NO_EXPIRY);
    assertThat(t.takeEffects()).containsExactly("0:PERSIST k");
    expect(":0", "PERSIST", "k");
    assertThat(t.takeEffects()).isEmpty();
    expect(":-1", "TTL", "k");
  }

  @Test
  void lazyExpiryInsideExpireGivesDelThenNothing() {
    put("k", "v", now() + 1);
    t.clock.advance(1);
    expect(":0", "EXPIRE", "k", "10");
    assertThat(t.takeEffects()).containsExactly("0:DEL k");
  }
}
