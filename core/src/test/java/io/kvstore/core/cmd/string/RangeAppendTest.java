package io.kvstore.core.cmd.string;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RangeAppendTest extends StringTestBase {
  private static final String MAX_ERR = "-ERR string exceeds maximum allowed size (proto-max-bulk-len)";

  @Test
  void appendCreatesAndGrowsKeepingTheTtl() {
    assertThat(run("APPEND", "k", "Hello")).isEqualTo(":5");
    assertThat(storedExpiry("k")).isEqualTo(-1L);
    given("SET t abc PX 100");
    assertThat(run("append", "t", "def")).isEqualTo(":6");
    assertThat(run("GET", "t")).isEqualTo("\"abcdef\"");
    assertThat(storedExpiry("t")).isEqualTo(T0 + 100);
    assertThat(run("APPEND", "t", "")).isEqualTo(":6");
    assertThat(effects()).containsExactly("0:append t def", "0:APPEND t ");
  }

  @Test
  void appendToAnExpiredKeyStartsFresh() {
    given("SET k old PX 1");
    advance(1);
    assertThat(run("APPEND", "k", "new")).isEqualTo(":3");
    assertThat(storedExpiry("k")).isEqualTo(-1L);
    assertThat(effects()).containsExactly("0:MULTI", "0:DEL k", "0:APPEND k new", "0:EXEC");
  }

  @Test
  void appendRespectsProtoMaxBulkLen() {
    node.config.set("proto-max-bulk-len", "1mb", false);
    String half = "x".repeat(512 * 1024);
    assertThat(run("APPEND", "k", half)).isEqualTo(":" + 512 * 1024);
    assertThat(run("APPEND", "k", half)).isEqualTo(":" + 1024 * 1024);
    assertThat(run("APPEND", "k", "y")).isEqualTo(MAX_ERR);
    assertThat(run("STRLEN", "k")).isEqualTo(":" + 1024 * 1024);
  }

  @Test
  void strlen() {
    given("SET k hello");
    assertThat(run("STRLEN", "k")).isEqualTo(":5");
    assertThat(run("STRLEN", "missing")).isEqualTo(":0");
    assertThat(run("STRLEN", "k", "x")).isEqualTo("-ERR wrong number of arguments for 'strlen' command");
  }

  @ParameterizedTest(name = "GETRANGE {0} {1}")
  @CsvSource(delimiter = '|', value = {
      "0|3|This",
      "-3|-1|ing",
      "0|-1|This is a string",
      "10|100|string",
      "5|3|''",
      "-1|-5|''",
      "-100|2|Thi",
      "-100|-100|T",
      "16|20|''",
      "15|15|g",
      "0|-100|T",
      "9223372036854775807|9223372036854775807|''",
      "-9223372036854775808|9223372036854775807|This is a string"})
  void getRange(String start, String end, String expected) {
    client.exec("SET", "s", "This is a string");
    assertThat(run("GETRANGE", "s", start, end)).isEqualTo("\"" + expected + "\"");
    assertThat(run("SUBSTR", "s", start, end)).isEqualTo("\"" + expected + "\"");
  }

  @Test
  void getRangeEdgeCases() {
    assertThat(run("GETRANGE", "missing", "0", "-1")).isEqualTo("\"\"");
    client.exec("SET", "empty", "");
    assertThat(run("GETRANGE", "empty", "0", "-1")).isEqualTo("\"\"");
    assertThat(run("GETRANGE", "missing", "a", "1")).isEqualTo("-ERR value is not an integer or out of range");
    assertThat(run("GETRANGE", "missing", "0", "1.0")).isEqualTo("-ERR value is not an integer or out of range");
    assertThat(run("GETRANGE", "missing", "0")).isEqualTo("-ERR wrong number of arguments for 'getrange' command");
    assertThat(run("SUBSTR", "missing")).isEqualTo("-ERR wrong number of arguments for 'substr' command");
  }

  @Test
  void setRangeOverwritesPadsAndKeepsTtl() {
    given("SET k Hello_World PX 100");
    assertThat(run("SETRANGE", "k", "6", "Redis")).isEqualTo(":11");
    assertThat(run("GET", "k")).isEqualTo("\"Hello_Redis\"");
    assertThat(storedExpiry("k")).isEqualTo(T0 + 100);
    assertThat(run("SETRANGE", "k", "13", "!")).isEqualTo(":14");
    assertThat(run("GET", "k")).isEqualTo("\"Hello_Redis\u0000\u0000!\"");
    assertThat(run("SETRANGE", "new", "2", "ab")).isEqualTo(":4");
    assertThat(run("GET", "new")).isEqualTo("\"\u0000\u0000ab\"");
    assertThat(storedExpiry("new")).isEqualTo(-1L);
    assertThat(effects()).containsExactly("0:SETRANGE k 6 Redis", "0:SETRANGE k 13 !", "0:SETRANGE new 2 ab");
  }

  @Test
  void setRangeWithEmptyValueWritesNothing() {
    given("SET k abc");
    assertThat(run("SETRANGE", "k", "100", "")).isEqualTo(":3");
    assertThat(run("SETRANGE", "missing", "5", "")).isEqualTo(":0");
    assertThat(stored("missing")).isFalse();
    assertThat(run("GET", "k")).isEqualTo("\"abc\"");
    assertThat(effects()).isEmpty();
  }

  @Test
  void setRangeErrors() {
    given("SET k abc");
    assertThat(run("SETRANGE", "k", "-1", "x")).isEqualTo("-ERR offset is out of range");
    assertThat(run("SETRANGE", "k", "abc", "x")).isEqualTo("-ERR value is not an integer or out of range");
    assertThat(run("SETRANGE", "k", "9223372036854775808", "x"))
        .isEqualTo("-ERR value is not an integer or out of range");
    assertThat(run("SETRANGE", "k", "9223372036854775807", "x")).isEqualTo(MAX_ERR);
    assertThat(run("SETRANGE", "k", "4611686018427387904", "x")).isEqualTo(MAX_ERR);
    assertThat(run("SETRANGE", "k", "536870912", "x")).isEqualTo(MAX_ERR);
    assertThat(run("SETRANGE", "missing", "536870912", "x")).isEqualTo(MAX_ERR);
    assertThat(run("SETRANGE", "k", "1")).isEqualTo("-ERR wrong number of arguments for 'setrange' command");
    assertThat(stored("missing")).isFalse();
    assertThat(effects()).isEmpty();
  }

  @Test
  void setRangeLimitFollowsTheConfig() {
    node.config.set("proto-max-bulk-len", "1mb", false);
    assertThat(run("SETRANGE", "k", Integer.toString(1024 * 1024 - 1), "x")).isEqualTo(":" + 1024 * 1024);
    assertThat(run("SETRANGE", "k", Integer.toString(1024 * 1024), "x")).isEqualTo(MAX_ERR);
    assertThat(run("SETRANGE", "k", Integer.toString(1024 * 1024 - 1), "xy")).isEqualTo(MAX_ERR);
  }

  @Test
  void theMastersStreamIsExemptFromTheLimit() {
    node.config.set("proto-max-bulk-len", "1mb", false);
    client.session.setKind(io.kvstore.core.engine.ClientSession.Kind.MASTER);
    assertThat(run("SETRANGE", "k", Integer.toString(1024 * 1024), "x")).isEqualTo(":" + (1024 * 1024 + 1));
    assertThat(run("APPEND", "k", "yz")).isEqualTo(":" + (1024 * 1024 + 3));
  }
}
