package io.kvstore.gateway.codec;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats doubles the way Redis 7.0's replies do: C's {@code %.17g} (17 significant digits,
 * trailing zeros removed, exponent form below 1e-4 or from 1e17 on, two-digit exponent at least),
 * with {@code inf} / {@code -inf} / {@code nan} / {@code -nan}. The exact binary value is rounded
 * half-even, as glibc does.
 */
public final class DoubleFormat {
  private static final int PRECISION = 17;
  private static final MathContext MC = new MathContext(PRECISION, RoundingMode.HALF_EVEN);

  private DoubleFormat() {}

  public static String g17(double d) {
    boolean negative = (Double.doubleToRawLongBits(d) & Long.MIN_VALUE) != 0;
    String sign = negative ? "-" : "";
    if (Double.isNaN(d)) return sign + "nan";
    if (Double.isInfinite(d)) return sign + "inf";
    if (d == 0) return sign + "0";
    BigDecimal rounded = new BigDecimal(Math.abs(d)).round(MC);
    String digits = rounded.unscaledValue().toString();
    int exponent = digits.length() - rounded.scale() - 1;
    digits = stripTrailingZeros(digits);
    StringBuilder sb = new StringBuilder(sign);
    if (exponent < -4 || exponent >= PRECISION) {
      sb.append(digits.charAt(0));
      if (digits.length() > 1) sb.append('.').append(digits, 1, digits.length());
      sb.append('e').append(exponent < 0 ? '-' : '+');
      int abs = Math.abs(exponent);
      if (abs < 10) sb.append('0');
      sb.append(abs);
    } else if (exponent < 0) {
      sb.append("0.");
      for (int i = -1; i > exponent; i--) sb.append('0');
      sb.append(digits);
    } else if (digits.length() <= exponent + 1) {
      sb.append(digits);
      for (int i = digits.length(); i <= exponent; i++) sb.append('0');
    } else {
      sb.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
    }
    return sb.toString();
  }

  private static String stripTrailingZeros(String digits) {
    int end = digits.length();
    while (end > 1 && digits.charAt(end - 1) == '0') end--;
    return digits.substring(0, end);
  }
}
