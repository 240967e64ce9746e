package io.kvstore.bench.etcd;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The keys and the value every system is loaded with: {@code count} keys named
 * {@code key:0000000} ... and one value of {@code valueSize} printable bytes, so both systems
 * store byte-for-byte the same data.
 */
public final class KeySpace {
  private final int count;
  private final byte[] value;

  public KeySpace(int count, int valueSize) {
    if (count < 1 || count > 9_999_999) throw new IllegalArgumentException("key count must be 1..9999999");
    if (valueSize < 0) throw new IllegalArgumentException("value size must not be negative");
    this.count = count;
    this.value = new byte[valueSize];
    for (int i = 0; i < value.length; i++) value[i] = (byte) ('a' + i % 26);
  }

  public int count() {
    return count;
  }

  public int valueSize() {
    return value.length;
  }

  /** Key number {@code i}: {@code key:} and seven digits. */
  public byte[] key(int i) {
    byte[] k = "key:0000000".getBytes(StandardCharsets.US_ASCII);
    for (int pos = k.length - 1, n = i; n > 0; pos--, n /= 10) k[pos] = (byte) ('0' + n % 10);
    return k;
  }

  /** A key drawn uniformly. */
  public byte[] randomKey(SplittableRandom random) {
    return key(random.nextInt(count));
  }

  /** The value written everywhere (shared: callers must not modify it). */
  public byte[] value() {
    return value;
  }

  /** Whether a value read back is the one written. */
  public boolean isValue(byte[] read) {
    return read != null && Arrays.equals(read, value);
  }
}
