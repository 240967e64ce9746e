package io.kvstore.core.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** An immutable byte string usable as a map key (channel names, watched keys). */
public final class Bytes implements Comparable<Bytes> {
  private final byte[] data;
  private final int hash;

  private Bytes(byte[] data) {
    this.data = data;
    this.hash = Arrays.hashCode(data);
  }

  public static Bytes copyOf(byte[] b) {
    return new Bytes(b.clone());
  }

  public static Bytes wrap(byte[] b) {
    return new Bytes(b);
  }

  public static Bytes of(String s) {
    return new Bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  /** The bytes; callers must not modify them. */
  public byte[] bytes() {
    return data;
  }

  public String utf8() {
    return new String(data, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes b && b.hash == hash && Arrays.equals(b.data, data);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public int compareTo(Bytes o) {
    return Arrays.compareUnsigned(data, o.data);
  }

  @Override
  public String toString() {
    return utf8();
  }
}
