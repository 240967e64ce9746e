package io.kvstore.core.cmd.string;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * INCRBYFLOAT arithmetic as Redis on x86-64 performs it: in the 80-bit x87 {@code long double}
 * (64-bit significand, exponent range down to subnormals of 2^-16445), parsed like
 * {@code strtold} and printed like {@code %.17Lf} with trailing zeros removed.
 *
 * <p>Java's {@code double} would give visibly different results ({@code 0.1 + 0.2} prints
 * {@code 0.30000000000000004} in double but {@code 0.3} in Redis), so values are kept as exact
 * {@link BigDecimal}s that are always representable in the extended format: every parse and
 * every sum is rounded to the nearest such value (ties to even), as the FPU does.
 */
final class ExtendedFloat {
  /** Longest input Redis accepts ({@code MAX_LONG_DOUBLE_CHARS}), exclusive. */
  private static final int MAX_CHARS = 5 * 1024;
  private static final int SIGNIFICAND_BITS = 64;
  /** Exponent of the least significant bit of the smallest subnormal. */
  private static final int MIN_LSB_EXPONENT = -16445;
  /** Largest exponent (of the lsb, with a 64-bit significand) that is still finite. */
  private static final int MAX_LSB_EXPONENT = 16383 - (SIGNIFICAND_BITS - 1);
  private static final BigInteger TWO_POW_64 = BigInteger.ONE.shiftLeft(SIGNIFICAND_BITS);
  private static final BigInteger TEN = BigInteger.TEN;

  /** A finite extended value, or an infinity ({@code infinite} = +1 / -1). */
  record Value(BigDecimal exact, int infinite) {
    static final Value POSITIVE_INFINITY = new Value(BigDecimal.ZERO, 1);
    static final Value NEGATIVE_INFINITY = new Value(BigDecimal.ZERO, -1);

    boolean isFinite() {
      return infinite == 0;
    }
  }

  private ExtendedFloat() {}

  /**
   * Redis {@code string2ld}: the whole string must be a {@code strtold} number (decimal, hex
   * float or infinity), no leading space, not NaN, not overflowing, not a nonzero value that
   * underflows to zero. Returns null when rejected.
   */
  static Value parse(byte[] s) {
    int n = s.length;
    if (n == 0 || n >= MAX_CHARS) return null;
    int i = 0;
    boolean neg = false;
    if (s[0] == '+' || s[0] == '-') {
      neg = s[0] == '-';
      i = 1;
    }
    if (i < n && (s[i] == 'i' || s[i] == 'I')) {
      String rest = new String(s, i, n - i, java.nio.charset.StandardCharsets.ISO_8859_1);
      if (rest.equalsIgnoreCase("inf") || rest.equalsIgnoreCase("infinity")) {
        return neg ? Value.NEGATIVE_INFINITY : Value.POSITIVE_INFINITY;
      }
      return null;
    }
    if (i + 1 < n && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
      Value hex = parseHex(s, i + 2, neg);
      if (hex != null) return hex;
      // "0x" without hex digits: strtold reads "0" and stops at 'x', leaving garbage
      return null;
    }
    return parseDecimal(s, i, neg);
  }

  private static Value parseDecimal(byte[] s, int i, boolean neg) {
    int n = s.length;
    StringBuilder digits = new StringBuilder();
    int fracDigits = 0;
    boolean any = false;
    boolean dot = false;
    for (; i < n; i++) {
      byte c = s[i];
      if (c >= '0' && c <= '9') {
        any = true;
        digits.append((char) c);
        if (dot) fracDigits++;
      } else if (c == '.' && !dot) {
        dot = true;
      } else {
        break;
      }
    }
    if (!any) return null;
    long exp10 = 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
      i++;
      boolean eneg = false;
      if (i < n && (s[i] == '+' || s[i] == '-')) {
        eneg = s[i] == '-';
        i++;
      }
      if (i >= n) return null;
      for (; i < n; i++) {
        byte c = s[i];
        if (c < '0' || c > '9') return null;
        if (exp10 < 1_000_000_000L) exp10 = exp10 * 10 + (c - '0');
      }
      if (eneg) exp10 = -exp10;
    }
    if (i != n) return null;
    BigInteger mant = new BigInteger(digits.toString());
    if (mant.signum() == 0) return finite(BigDecimal.ZERO);
    long scale = fracDigits - exp10;
    // decimal position of the leading digit, to reject absurd exponents before building numbers
    long magnitude = mant.toString().length() - 1 - scale;
    if (magnitude > 4940) return null;
    if (magnitude < -4960) return null;
    BigDecimal exact = new BigDecimal(neg ? mant.negate() : mant, (int) scale);
    return fromExact(exact, true);
  }

  private static Value parseHex(byte[] s, int i, boolean neg) {
    int n = s.length;
    BigInteger mant = BigInteger.ZERO;
    int fracDigits = 0;
    boolean any = false;
    boolean dot = false;
    for (; i < n; i++) {
      int d = Character.digit(s[i], 16);
      if (d >= 0) {
        any = true;
        mant = mant.shiftLeft(4).or(BigInteger.valueOf(d));
        if (dot) fracDigits++;
      } else if (s[i] == '.' && !dot) {
        dot = true;
      } else {
        break;
      }
    }
    if (!any) return null;
    long exp2 = 0;
    if (i < n && (s[i] == 'p' || s[i] == 'P')) {
      i++;
      boolean eneg = false;
      if (i < n && (s[i] == '+' || s[i] == '-')) {
        eneg = s[i] == '-';
        i++;
      }
      if (i >= n) return null;
      for (; i < n; i++) {
        byte c = s[i];
        if (c < '0' || c > '9') return null;
        if (exp2 < 1_000_000_000L) exp2 = exp2 * 10 + (c - '0');
      }
      if (eneg) exp2 = -exp2;
    }
    if (i != n) return null;
    if (mant.signum() == 0) return finite(BigDecimal.ZERO);
    long shift = exp2 - 4L * fracDigits;
    long magnitude = mant.bitLength() - 1 + shift;
    if (magnitude > 16400 || magnitude < -16500) return null;
    BigDecimal exact = shift >= 0 ? new BigDecimal(mant.shiftLeft((int) shift))
        : new BigDecimal(mant.multiply(BigInteger.valueOf(5).pow((int) -shift)), (int) -shift);
    return fromExact(neg ? exact.negate() : exact, true);
  }

  /** The extended-precision sum {@code a + b}; infinite operands give an infinite (or NaN: null) result. */
  static Value add(Value a, Value b) {
    if (!a.isFinite() || !b.isFinite()) {
      int inf = a.infinite + b.infinite;
      if (!a.isFinite() && !b.isFinite() && a.infinite != b.infinite) return null; // NaN
      return inf > 0 ? Value.POSITIVE_INFINITY : Value.NEGATIVE_INFINITY;
    }
    return fromExact(a.exact.add(b.exact), false);
  }

  /** Redis {@code ld2string(LD_STR_HUMAN)}: {@code %.17Lf} without trailing zeros, "-0" as "0". */
  static String format(Value v) {
    if (!v.isFinite()) return v.infinite > 0 ? "inf" : "-inf";
    String s = v.exact.setScale(17, RoundingMode.HALF_EVEN).toPlainString();
    int end = s.length();
    while (s.charAt(end - 1) == '0') end--;
    if (s.charAt(end - 1) == '.') end--;
    s = s.substring(0, end);
    return s.equals("-0") ? "0" : s;
  }

  /**
   * Rounds an exact value to the nearest extended value. {@code rejectUnderflow}: a nonzero
   * value that rounds to zero is an error (strtold's ERANGE), returned as null; overflow is
   * infinity, which parsing also rejects.
   */
  private static Value fromExact(BigDecimal x, boolean rejectUnderflow) {
    int sign = x.signum();
    if (sign == 0) return finite(BigDecimal.ZERO);
    BigInteger num = x.unscaledValue().abs();
    BigInteger den = BigInteger.ONE;
    if (x.scale() > 0) den = TEN.pow(x.scale());
    else if (x.scale() < 0) num = num.multiply(TEN.pow(-x.scale()));
    // floor(log2(num/den))
    int b = num.bitLength() - den.bitLength();
    int log2 = compareShifted(num, den, b) >= 0 ? b : b - 1;
    int e = Math.max(log2 - (SIGNIFICAND_BITS - 1), MIN_LSB_EXPONENT);
    BigInteger m = roundedQuotient(num, den, e);
    if (m.equals(TWO_POW_64)) {
      m = m.shiftRight(1);
      e++;
    }
    if (e > MAX_LSB_EXPONENT) {
      Value inf = sign > 0 ? Value.POSITIVE_INFINITY : Value.NEGATIVE_INFINITY;
      return rejectUnderflow ? null : inf;
    }
    if (m.signum() == 0) return rejectUnderflow ? null : finite(BigDecimal.ZERO);
    BigDecimal exact = e >= 0 ? new BigDecimal(m.shiftLeft(e))
        : new BigDecimal(m.multiply(BigInteger.valueOf(5).pow(-e)), -e);
    return finite(sign < 0 ? exact.negate() : exact);
  }

  /** Compares num with den * 2^shift. */
  private static int compareShifted(BigInteger num, BigInteger den, int shift) {
    return shift >= 0 ? num.compareTo(den.shiftLeft(shift)) : num.shiftLeft(-shift).compareTo(den);
  }

  /** round-half-even(num / (den * 2^e)). */
  private static BigInteger roundedQuotient(BigInteger num, BigInteger den, int e) {
    if (e >= 0) den = den.shiftLeft(e);
    else num = num.shiftLeft(-e);
    BigInteger[] qr = num.divideAndRemainder(den);
    int half = qr[1].shiftLeft(1).compareTo(den);
    BigInteger q = qr[0];
    if (half > 0 || (half == 0 && q.testBit(0))) q = q.add(BigInteger.ONE);
    return q;
  }

  private static Value finite(BigDecimal d) {
    return new Value(d, 0);
  }
}
