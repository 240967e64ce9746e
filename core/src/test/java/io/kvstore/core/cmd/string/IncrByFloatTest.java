package io.kvstore.core.cmd.string;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IncrByFloatTest extends StringTestBase {
  private static final String NOT_FLOAT = "-ERR value is not a valid float";

  @Test
  void humanFormatting() {
    assertThat(run("INCRBYFLOAT", "a", "10.5")).isEqualTo("\"10.5\"");
    assertThat(run("INCRBYFLOAT", "a", "0.1")).isEqualTo("\"10.6\"");
    assertThat(run("INCRBYFLOAT", "b", "3.0e3")).isEqualTo("\"3000\"");
    assertThat(run("INCRBYFLOAT", "b", "2.0e2")).isEqualTo("\"3200\"");
    assertThat(run("INCRBYFLOAT", "c", "-5")).isEqualTo("\"-5\"");
    assertThat(run("GET", "c")).isEqualTo("\"-5\"");
  }

  @Test
  void extendedPrecisionLikeRedis() {
    assertThat(run("INCRBYFLOAT", "x", "0.1")).isEqualTo("\"0.1\"");
    assertThat(run("INCRBYFLOAT", "x", "0.2")).isEqualTo("\"0.3\"");
    given("SET y 1.5");
    assertThat(run("INCRBYFLOAT", "y", "1e-3")).isEqualTo("\"1.501\"");
  }

  @Test
  void workOnIntegersAndPropagateAsSetKeepTtl() {
    given("SET n 5 EX 100");
    assertThat(run("incrbyfloat", "n", "1.25")).isEqualTo("\"6.25\"");
    assertThat(storedExpiry("n")).isEqualTo(T0 + 100_000);
    assertThat(run("INCRBYFLOAT", "m", "2")).isEqualTo("\"2\"");
    assertThat(effects()).containsExactly("0:SET n 6.25 KEEPTTL", "0:SET m 2 KEEPTTL");
  }

  @Test
  void expiredKeyCountsAsZero() {
    given("SET n 5 PX 1");
    advance(1);
    assertThat(run("INCRBYFLOAT", "n", "1.5")).isEqualTo("\"1.5\"");
    assertThat(storedExpiry("n")).isEqualTo(-1L);
    assertThat(effects()).containsExactly("0:MULTI", "0:DEL n", "0:SET n 1.5 KEEPTTL", "0:EXEC");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "", " 1", "1 ", "1e", "0x", "nan", "1e-5000", "1e4933", "1.5.5", "--1"})
  void invalidIncrement(String incr) {
    assertThat(run("INCRBYFLOAT", "k", incr)).isEqualTo(NOT_FLOAT);
    assertThat(stored("k")).isFalse();
    assertThat(effects()).isEmpty();
  }

  @Test
  void invalidStoredValueIsReportedFirst() {
    given("SET k abc");
    assertThat(run("INCRBYFLOAT", "k", "1")).isEqualTo(NOT_FLOAT);
    assertThat(run("INCRBYFLOAT", "k", "x")).isEqualTo(NOT_FLOAT);
    assertThat(run("GET", "k")).isEqualTo("\"abc\"");
  }

  @Test
  void infinityIsParsedButRejectedAsAResult() {
    String err = "-ERR increment would produce NaN or Infinity";
    assertThat(run("INCRBYFLOAT", "k", "inf")).isEqualTo(err);
    assertThat(run("INCRBYFLOAT", "k", "-Infinity")).isEqualTo(err);
    given("SET big 1e4932");
    assertThat(run("INCRBYFLOAT", "big", "1e4932")).isEqualTo(err);
    given("SET i inf");
    assertThat(run("INCRBYFLOAT", "i", "-inf")).isEqualTo(err);
    assertThat(stored("k")).isFalse();
    assertThat(effects()).isEmpty();
  }

  @Test
  void valuesBeyondDoubleRangeWork() {
    assertThat(run("INCRBYFLOAT", "k", "1e400")).isEqualTo("\"" + ExtendedFloatTest.E400 + "\"");
    assertThat(run("INCRBYFLOAT", "k", "-1e400")).isEqualTo("\"0\"");
  }
}
