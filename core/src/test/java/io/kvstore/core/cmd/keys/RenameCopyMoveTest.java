package io.kvstore.core.cmd.keys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RenameCopyMoveTest extends KeyTestBase {

  @Test
  void renameMovesValueAndTtlAndPropagates() {
    put("a", "1", now() + 5000);
    put("b", "old");
    expect("+OK", "rename", "a", "b");
    assertThat(stored(0, "a")).isNull();
    assertThat(value(0, "b")).isEqualTo("1");
    assertThat(stored(0, "b").expireAt()).isEqualTo(now() + 5000);
    assertThat(t.takeEffects()).containsExactly("0:RENAME a b");
  }

  @Test
  void renameErrorsAndSameKey() {
    expect("-ERR no such key", "RENAME", "x", "y");
    expect("-ERR no such key", "RENAME", "x", "x");
    expect("-ERR no such key", "RENAMENX", "x", "x");
    put("k", "v");
    expect("+OK", "RENAME", "k", "k");
    expect(":0", "RENAMENX", "k", "k");
    assertThat(t.takeEffects()).isEmpty();
    assertThat(value(0, "k")).isEqualTo("v");
  }

  @Test
  void renameOfAnExpiredSourceIsNoSuchKey() {
    put("k", "v", now() + 1);
    t.clock.advance(1);
    expect("-ERR no such key", "RENAME", "k", "z");
    assertThat(t.takeEffects()).containsExactly("0:DEL k");
  }

  @Test
  void renamenxOnlyWhenTheDestinationIsMissing() {
    put("a", "1");
    put("b", "2");
    expect(":0", "RENAMENX", "a", "b");
    assertThat(t.takeEffects()).isEmpty();
    expect(":1", "RENAMENX", "a", "c");
    assertThat(t.takeEffects()).containsExactly("0:RENAMENX a c");
    assertThat(value(0, "c")).isEqualTo("1");
  }

  @Test
  void renamenxOverAnExpiredDestinationSucceeds() {
    put("a", "1");
    put("b", "2", now() + 1);
    t.clock.advance(1);
    expect(":1", "RENAMENX", "a", "b");
    assertThat(t.takeEffects()).containsExactly("0:MULTI", "0:DEL b", "0:RENAMENX a b", "0:EXEC");
  }

  @Test
  void copyWithinTheDatabase() {
    put("a", "1", now() + 7000);
    expect(":1", "copy", "a", "b");
    assertThat(value(0, "b")).isEqualTo("1");
    assertThat(stored(0, "b").expireAt()).isEqualTo(now() + 7000);
    assertThat(value(0, "a")).isEqualTo("1");
    assertThat(t.takeEffects()).containsExactly("0:COPY a b");
    expect(":0", "COPY", "a", "b");
    expect(":1", "COPY", "a", "b", "REPLACE");
    expect(":0", "COPY", "missing", "z");
  }

  @Test
  void copyToAnotherDatabase() {
    put("a", "1");
    put(3, "a", "x", -1);
    expect(":0", "COPY", "a", "a", "DB", "3");
    expect(":1", "COPY", "a", "a", "db", "3", "replace");
    assertThat(value(3, "a")).isEqualTo("1");
    assertThat(t.takeEffects()).containsExactly("0:COPY a a db 3 replace");
    expect(":1", "COPY", "a", "n", "DB", "0");
  }

  @Test
  void copyErrors() {
    put("a", "1");
    expect("-ERR source and destination objects are the same", "COPY", "a", "a");
    expect("-ERR source and destination objects are the same", "COPY", "a", "a", "DB", "0");
    expect("-ERR DB index is out of range", "COPY", "a", "b", "DB", "16");
    expect("-ERR DB index is out of range", "COPY", "a", "b", "DB", "-1");
    expect("-ERR value is not an integer or out of range", "COPY", "a", "b", "DB", "x");
    expect("-ERR value is out of range, value must between -2147483648 and 2147483647",
        "COPY", "a", "b", "DB", "4294967296");
    expect("-ERR syntax error", "COPY", "a", "b", "DB");
    expect("-ERR syntax error", "COPY", "a", "b", "FOO");
    expect("-ERR DB index is out of range", "COPY", "missing", "b", "DB", "99");
  }

  @Test
  void moveToAnotherDatabase() {
    put("a", "1", now() + 9000);
    expect(":1", "move", "a", "2");
    assertThat(stored(0, "a")).isNull();
    assertThat(value(2, "a")).isEqualTo("1");
    assertThat(stored(2, "a").expireAt()).isEqualTo(now() + 9000);
    assertThat(t.takeEffects()).containsExactly("0:MOVE a 2");
    expect(":0", "MOVE", "a", "2");
    put("b", "1");
    put(2, "b", "2", -1);
    expect(":0", "MOVE", "b", "2");
    assertThat(value(0, "b")).isEqualTo("1");
    assertThat(t.takeEffects()).isEmpty();
  }

  @Test
  void moveErrors() {
    put("a", "1");
    expect("-ERR source and destination objects are the same", "MOVE", "a", "0");
    expect("-ERR DB index is out of range", "MOVE", "a", "16");
    expect("-ERR value is not an integer or out of range", "MOVE", "a", "one");
  }
}
