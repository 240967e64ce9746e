package io.kvstore.persistence.rdb;

/**
 * The CRC-64 that ends every RDB file since version 5: the Jones polynomial
 * ({@code 0xad93d23594c935a9}) in its reflected form, initial value 0, no final xor, so
 * {@code crc64("123456789") = 0xe9c6d914c4b8d9ca}. Table-driven, one byte at a time, and
 * streaming: feed the bytes in any number of {@link #update} calls. The file stores the value
 * little-endian right after the {@code 0xFF} end opcode, and a stored 0 means "not computed".
 *
 * <p>Not thread-safe (one instance per stream); the lookup table is shared and immutable.
 */
public final class Crc64 {
  /** The Jones polynomial, bit-reversed for the reflected (LSB-first) algorithm. */
  private static final long POLY_REFLECTED = Long.reverse(0xad93d23594c935a9L);
  private static final long[] TABLE = table();

  private long crc;

  /** Continues the checksum over {@code len} bytes of {@code b} from {@code off}. */
  public void update(byte[] b, int off, int len) {
    long c = crc;
    for (int i = off, end = off + len; i < end; i++) {
      c = TABLE[(int) (c ^ b[i]) & 0xff] ^ (c >>> 8);
    }
    crc = c;
  }

  public void update(byte[] b) {
    update(b, 0, b.length);
  }

  public void update(int b) {
    crc = TABLE[(int) (crc ^ b) & 0xff] ^ (crc >>> 8);
  }

  /** The checksum of every byte fed so far. */
  public long value() {
    return crc;
  }

  public void reset() {
    crc = 0;
  }

  /** The checksum of a whole array. */
  public static long of(byte[] b) {
    Crc64 c = new Crc64();
    c.update(b);
    return c.value();
  }

  private static long[] table() {
    long[] t = new long[256];
    for (int n = 0; n < 256; n++) {
      long c = n;
      for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >>> 1) ^ POLY_REFLECTED : c >>> 1;
      t[n] = c;
    }
    return t;
  }
}
