package io.kvstore.core.cmd.string;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CounterTest extends StringTestBase {
  private static final String NOT_INT = "-ERR value is not an integer or out of range";
  private static final String OVERFLOW = "-ERR increment or decrement would overflow";

  @Test
  void incrementsFromZero() {
    assertThat(run("INCR", "n")).isEqualTo(":1");
    assertThat(run("INCR", "n")).isEqualTo(":2");
    assertThat(run("DECR", "n")).isEqualTo(":1");
    assertThat(run("INCRBY", "n", "10")).isEqualTo(":11");
    assertThat(run("INCRBY", "n", "-20")).isEqualTo(":-9");
    assertThat(run("DECRBY", "n", "-9")).isEqualTo(":0");
    assertThat(run("DECRBY", "m", "5")).isEqualTo(":-5");
    assertThat(run("DECR", "fresh")).isEqualTo(":-1");
    assertThat(run("GET", "n")).isEqualTo("\"0\"");
    assertThat(run("GET", "m")).isEqualTo("\"-5\"");
  }

  @Test
  void propagatedAsSent() {
    run("incr", "n");
    run("INCRBY", "n", "5");
    run("DecrBy", "n", "2");
    run("DECR", "n");
    assertThat(effects()).containsExactly("0:incr n", "0:INCRBY n 5", "0:DecrBy n 2", "0:DECR n");
  }

  @Test
  void countersKeepTheTtl() {
    given("SET n 10 EX 100");
    assertThat(run("INCR", "n")).isEqualTo(":11");
    assertThat(run("DECRBY", "n", "3")).isEqualTo(":8");
    assertThat(storedExpiry("n")).isEqualTo(T0 + 100_000);
    advance(100_000);
    assertThat(run("INCR", "n")).isEqualTo(":1");
    assertThat(storedExpiry("n")).isEqualTo(-1L);
    assertThat(effects()).containsExactly("0:INCR n", "0:DECRBY n 3", "0:MULTI", "0:DEL n", "0:INCR n", "0:EXEC");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "", " 1", "1 ", "+1", "01", "1.0", "1e3", "-0", "9223372036854775808",
      "-9223372036854775809", "0x10"})
  void storedValueMustBeACanonicalInteger(String stored) {
    client.exec("SET", "n", stored);
    effects();
    assertThat(run("INCR", "n")).isEqualTo(NOT_INT);
    assertThat(run("DECRBY", "n", "1")).isEqualTo(NOT_INT);
    assertThat(run("GET", "n")).isEqualTo("\"" + stored + "\"");
    assertThat(effects()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "", " 1", "1.5", "9223372036854775808", "01"})
  void incrementMustBeAnInteger(String incr) {
    assertThat(run("INCRBY", "n", incr)).isEqualTo(NOT_INT);
    assertThat(run("DECRBY", "n", incr)).isEqualTo(NOT_INT);
    assertThat(stored("n")).isFalse();
  }

  @Test
  void incrementIsParsedBeforeTheStoredValue() {
    given("SET n abc");
    assertThat(run("INCRBY", "n", "x")).isEqualTo(NOT_INT);
  }

  @Test
  void overflowInBothDirections() {
    given("SET max 9223372036854775807", "SET min -9223372036854775808");
    assertThat(run("INCR", "max")).isEqualTo(OVERFLOW);
    assertThat(run("INCRBY", "max", "1")).isEqualTo(OVERFLOW);
    assertThat(run("DECRBY", "max", "-1")).isEqualTo(OVERFLOW);
    assertThat(run("INCRBY", "max", "-9223372036854775808")).isEqualTo(":-1");
    assertThat(run("DECR", "min")).isEqualTo(OVERFLOW);
    assertThat(run("INCRBY", "min", "-1")).isEqualTo(OVERFLOW);
    assertThat(run("DECRBY", "min", "1")).isEqualTo(OVERFLOW);
    assertThat(run("INCRBY", "min", "9223372036854775807")).isEqualTo(":-1");
    assertThat(run("GET", "max")).isEqualTo("\"-1\"");
  }

  @Test
  void decrByOfTheMinimumCannotBeNegated() {
    assertThat(run("DECRBY", "n", "-9223372036854775808")).isEqualTo("-ERR decrement would overflow");
    assertThat(run("DECRBY", "n", "9223372036854775807")).isEqualTo(":-9223372036854775807");
  }

  @Test
  void arity() {
    assertThat(run("INCR")).isEqualTo("-ERR wrong number of arguments for 'incr' command");
    assertThat(run("DECR", "a", "b")).isEqualTo("-ERR wrong number of arguments for 'decr' command");
    assertThat(run("INCRBY", "a")).isEqualTo("-ERR wrong number of arguments for 'incrby' command");
    assertThat(run("DECRBY", "a")).isEqualTo("-ERR wrong number of arguments for 'decrby' command");
    assertThat(run("INCRBYFLOAT", "a")).isEqualTo("-ERR wrong number of arguments for 'incrbyfloat' command");
  }
}
