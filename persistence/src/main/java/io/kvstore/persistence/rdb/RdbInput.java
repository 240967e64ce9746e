package io.kvstore.persistence.rdb;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The reader's view of the stream: exact reads (never a byte past what the parser asks for, so
 * whatever follows the RDB in a replication stream stays in the caller's stream), a running
 * CRC64 over every byte consumed, the offset for error messages, and truncation reported as
 * {@link RdbException}. Large reads grow their buffer as bytes actually arrive, so a corrupt
 * length costs at most about twice the bytes really present, never the declared amount.
 */
final class RdbInput {
  private static final int CHUNK = 64 * 1024;

  private final InputStream in;
  private final Crc64 crc = new Crc64();
  private final byte[] scratch = new byte[8];
  private long offset;

  RdbInput(InputStream in) {
    this.in = in;
  }

  long offset() {
    return offset;
  }

  long crc() {
    return crc.value();
  }

  int readU8(String what) throws IOException {
    int b = in.read();
    if (b < 0) throw truncated(what);
    crc.update(b);
    offset++;
    return b;
  }

  /** Little-endian signed integer of {@code n} (1..8) bytes. */
  long readLe(int n, String what) throws IOException {
    readFully(scratch, 0, n, what);
    long v = 0;
    for (int i = n - 1; i >= 0; i--) v = (v << 8) | (scratch[i] & 0xff);
    int shift = 64 - 8 * n;
    return (v << shift) >> shift;
  }

  /** Big-endian unsigned integer of {@code n} (1..8) bytes. */
  long readBe(int n, String what) throws IOException {
    readFully(scratch, 0, n, what);
    long v = 0;
    for (int i = 0; i < n; i++) v = (v << 8) | (scratch[i] & 0xff);
    return v;
  }

  void readFully(byte[] b, int off, int len, String what) throws IOException {
    readRaw(b, off, len, what);
    crc.update(b, off, len);
  }

  /** Reads without adding to the checksum (the checksum itself). */
  void readRaw(byte[] b, int off, int len, String what) throws IOException {
    int done = 0;
    while (done < len) {
      int n = in.read(b, off + done, len - done);
      if (n < 0) {
        offset += done;
        throw truncated(what);
      }
      done += n;
    }
    offset += len;
  }

  /** Reads {@code len} bytes into a new array, growing it only as the bytes arrive. */
  byte[] readBytes(int len, String what) throws IOException {
    if (len <= CHUNK) {
      byte[] b = new byte[len];
      readFully(b, 0, len, what);
      return b;
    }
    byte[] b = new byte[CHUNK];
    int have = 0;
    while (have < len) {
      if (have == b.length) b = Arrays.copyOf(b, (int) Math.min(len, 2L * b.length));
      int n = Math.min(b.length - have, len - have);
      readFully(b, have, n, what);
      have += n;
    }
    return b;
  }

  /** Consumes {@code len} bytes (checksummed) without keeping them. */
  void skip(long len, String what) throws IOException {
    byte[] b = new byte[(int) Math.min(len, CHUNK)];
    while (len > 0) {
      int n = (int) Math.min(len, b.length);
      readFully(b, 0, n, what);
      len -= n;
    }
  }

  RdbException truncated(String what) {
    return new RdbException("RDB truncated at offset " + offset + " (reading " + what + ")");
  }
}
