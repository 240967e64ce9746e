package io.kvstore.core.cmd.string;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Expected strings are what a real Redis 7.0.15 on x86-64 answered to INCRBYFLOAT on a missing key. */
class ExtendedFloatTest {
  static final String E400 = "100000000000000000002818806839475865145864534336290520386259106935396855340086298620393639"
      + "948483241605220940539273176162002958227772592557340238289765933406610177974474345461739178"
      + "624481166749717237789438243915933380474706750262466844013592375136038303437354855052449559"
      + "649790218250382800910684149474024568986530409510175126580926158275889201834725116433165913"
      + "62664138176309734806343732497430221946880";

  private static String incr(String current, String by) {
    ExtendedFloat.Value a = ExtendedFloat.parse(current.getBytes(StandardCharsets.UTF_8));
    ExtendedFloat.Value b = ExtendedFloat.parse(by.getBytes(StandardCharsets.UTF_8));
    return ExtendedFloat.format(ExtendedFloat.add(a, b));
  }

  @ParameterizedTest(name = "{0} + {1} = {2}")
  @CsvSource({
      "0, 0.1, 0.1",
      "0.1, 0.2, 0.3",
      "0, 1e20, 100000000000000000000",
      "0, 0x1p3, 8",
      "0, 0X1P-2, 0.25",
      "0, 0x.8, 0.5",
      "0, 1e-20, 0",
      "0, -1e-20, 0",
      "0, 0.000003814697265625, 0.00000381469726562",
      "0, 0.000011444091796875, 0.00001144409179688",
      "0, -0.000003814697265625, -0.00000381469726562",
      "1.5, 1e-3, 1.501",
      "0, 1E2, 100",
      "0, -.5e1, -5",
      "0, +1.5, 1.5",
      "0, .5, 0.5",
      "0, 5., 5",
      "1.0, 0, 1",
      "5000, 2.0e2, 5200",
      "0, 1.23456789012345678901, 1.23456789012345679",
      "0, 123456789012345678901234567890, 123456789012345678899921813504",
      "0, 1e-4950, 0",
      "-0, -0, 0",
      "10.5, -10.5, 0"})
  void matchesRedis(String current, String by, String expected) {
    assertThat(incr(current, by)).isEqualTo(expected);
  }

  @Test
  void beyondDoubleRange() {
    assertThat(incr("0", "1e400")).isEqualTo(E400);
  }

  @Test
  void largestDoubleIsKeptWithSixtyFourBitPrecision() {
    assertThat(incr("0", "1.7976931348623157e308")).isEqualTo(
        "179769313486231569995921046774104434048386446944329178485314420765176628523124396354701868"
        + "608387085564428793419425520689308708363451136055357897278026477617073498977686288394835618"
        + "163294045594434929537447290627480669417384648879122776218333598953852832103282504751611691"
        + "208117720159985926376802466863339536384");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " 1", "1 ", "1e", "1e+", "0x", "0xg", "nan", "NaN", "1e-5000", "1e-4951",
      "1e4933", "-1e4933", "1.5.5", "--1", "+", "-", ".", "e5", "1f", "1d", "0x1p", "infx", "in", "1_000"})
  void rejected(String s) {
    assertThat(ExtendedFloat.parse(s.getBytes(StandardCharsets.UTF_8))).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"inf", "INF", "-inf", "+Infinity", "infinity"})
  void infinities(String s) {
    assertThat(ExtendedFloat.parse(s.getBytes(StandardCharsets.UTF_8)).isFinite()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {5119, 5120})
  void lengthLimit(int length) {
    String s = "1." + "0".repeat(length - 2);
    ExtendedFloat.Value v = ExtendedFloat.parse(s.getBytes(StandardCharsets.UTF_8));
    if (length < 5120) assertThat(ExtendedFloat.format(v)).isEqualTo("1");
    else assertThat(v).isNull();
  }
}
