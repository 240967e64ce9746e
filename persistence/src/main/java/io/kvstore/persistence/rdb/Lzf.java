package io.kvstore.persistence.rdb;

import java.util.Arrays;

/**
 * LZF, the compression RDB files use for strings (encoding {@code 0xC3}).
 *
 * <p><b>Format.</b> A sequence of chunks, each starting with a control byte {@code c}:
 * {@code c < 32} is a literal run of {@code c + 1} bytes that follow; otherwise it is a
 * back-reference of length {@code (c >> 5) + 2} (when {@code c >> 5 == 7} the next byte is added
 * to the length), whose distance is {@code ((c & 0x1f) << 8) + next byte + 1} bytes back in the
 * output. References may overlap the bytes they produce (a run of one byte repeated).
 *
 * <p><b>Compressor.</b> Greedy, like liblzf in Redis's build: a 65536-entry table of the last
 * position of each 3-byte hash, a match tried only against that one candidate (never against
 * position 0), at most 264 bytes long and 8192 back, and after a match only its last two
 * positions are entered in the table. With the same choices Redis makes, the output is the bytes
 * Redis writes for the same string (the test vector's {@code 46 x 'a'} in particular). The table
 * is reused between calls without clearing: each call's positions are stored with a base that
 * grows from call to call, so entries of earlier calls read as empty.
 *
 * <p><b>Decompressor.</b> Checks every read and write against the bounds it was given: it fills
 * exactly the declared length or throws {@link RdbException}; it never allocates.
 *
 * <p>An instance (its table) belongs to one thread; decompression is static.
 */
public final class Lzf {
  private static final int HLOG = 16;
  private static final int HSIZE = 1 << HLOG;
  private static final int MAX_LIT = 1 << 5;
  private static final int MAX_OFF = 1 << 13;
  private static final int MAX_REF = (1 << 8) + (1 << 3);
  /** Most output bytes one input byte can produce (a 3-byte back-reference of 264). */
  public static final int MAX_EXPANSION = MAX_REF / 3;

  private final int[] table = new int[HSIZE];
  private int base = 1;

  /**
   * Compresses {@code len} bytes of {@code in} from {@code off} into {@code out} from
   * {@code outOff}, using at most {@code outCap} bytes. Returns the compressed length, or 0 when
   * the input is empty or the result would not fit in {@code outCap} bytes.
   */
  public int compress(byte[] in, int off, int len, byte[] out, int outOff, int outCap) {
    if (len <= 0 || outCap <= 0) return 0;
    if (outOff < 0 || outCap > out.length - outOff) throw new IndexOutOfBoundsException();
    if ((long) base + len >= Integer.MAX_VALUE) {
      Arrays.fill(table, 0);
      base = 1;
    }
    final int b = base;
    base += len;
    final int end = off + len;
    final int outEnd = outOff + outCap;
    int ip = off;
    int op = outOff;
    int lit = 0;
    int ctrl = -1;
    while (ip < end - 2) {
      int slot = hash(in, ip);
      int ref = table[slot] - b + off;
      boolean known = table[slot] >= b;
      table[slot] = b + (ip - off);
      if (known && ref > off && ip - ref - 1 < MAX_OFF
          && in[ref] == in[ip] && in[ref + 1] == in[ip + 1] && in[ref + 2] == in[ip + 2]) {
        int dist = ip - ref - 1;
        int n = matchLength(in, ref, ip, Math.min(end - ip - 2, MAX_REF));
        if (lit > 0) {
          out[ctrl] = (byte) (lit - 1);
          lit = 0;
        }
        int l = n - 2;
        if (op + (l < 7 ? 2 : 3) > outEnd) return 0;
        if (l < 7) {
          out[op++] = (byte) ((dist >>> 8) + (l << 5));
        } else {
          out[op++] = (byte) ((dist >>> 8) + (7 << 5));
          out[op++] = (byte) (l - 7);
        }
        out[op++] = (byte) dist;
        ip += n;
        if (ip >= end - 2) break;
        table[hash(in, ip - 2)] = b + (ip - 2 - off);
        table[hash(in, ip - 1)] = b + (ip - 1 - off);
      } else {
        if (op + (lit == 0 ? 2 : 1) > outEnd) return 0;
        if (lit == 0) ctrl = op++;
        out[op++] = in[ip++];
        if (++lit == MAX_LIT) {
          out[ctrl] = (byte) (MAX_LIT - 1);
          lit = 0;
        }
      }
    }
    while (ip < end) {
      if (op + (lit == 0 ? 2 : 1) > outEnd) return 0;
      if (lit == 0) ctrl = op++;
      out[op++] = in[ip++];
      if (++lit == MAX_LIT) {
        out[ctrl] = (byte) (MAX_LIT - 1);
        lit = 0;
      }
    }
    if (lit > 0) out[ctrl] = (byte) (lit - 1);
    return op - outOff;
  }

  /** Compresses a whole array; null when it would not fit in {@code maxOut} bytes. */
  public byte[] compress(byte[] in, int maxOut) {
    byte[] out = new byte[Math.max(0, maxOut)];
    int n = compress(in, 0, in.length, out, 0, out.length);
    return n == 0 ? null : Arrays.copyOf(out, n);
  }

  /**
   * The length of the match at {@code ip} against {@code ref}, whose first 3 bytes are known
   * equal. Like liblzf, when more than 16 bytes may match the next 16 are compared before the
   * limit is looked at again, so a match may run up to 2 bytes past {@code maxLen} (never past
   * the input).
   */
  private static int matchLength(byte[] in, int ref, int ip, int maxLen) {
    int len = 2;
    if (maxLen > 16) {
      for (int i = 0; i < 16; i++) {
        len++;
        if (in[ref + len] != in[ip + len]) return len;
      }
    }
    do {
      len++;
    } while (len < maxLen && in[ref + len] == in[ip + len]);
    return len;
  }

  private static int hash(byte[] in, int p) {
    int h = ((in[p] & 0xff) << 16) | ((in[p + 1] & 0xff) << 8) | (in[p + 2] & 0xff);
    return ((h >>> 8) - h * 5) & (HSIZE - 1);
  }

  /**
   * Decompresses {@code inLen} bytes of {@code in} from {@code inOff} into exactly
   * {@code outLen} bytes of {@code out} from {@code outOff}. Every chunk is checked: a literal or
   * reference running past the input or the output, a reference before the start of the output,
   * input left over once the output is full, or output left unfilled, all throw.
   */
  public static void decompress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen)
      throws RdbException {
    if (inOff < 0 || inLen < 0 || inLen > in.length - inOff || outOff < 0 || outLen < 0
        || outLen > out.length - outOff) {
      throw new IndexOutOfBoundsException();
    }
    int ip = inOff;
    final int inEnd = inOff + inLen;
    int op = outOff;
    final int outEnd = outOff + outLen;
    while (ip < inEnd) {
      int c = in[ip++] & 0xff;
      if (c < MAX_LIT) {
        int n = c + 1;
        if (n > outEnd - op) throw corrupt("literal run past the declared length");
        if (n > inEnd - ip) throw corrupt("literal run past the end of the compressed data");
        System.arraycopy(in, ip, out, op, n);
        ip += n;
        op += n;
      } else {
        int n = c >>> 5;
        if (ip >= inEnd) throw corrupt("back-reference cut short");
        if (n == 7) {
          n += in[ip++] & 0xff;
          if (ip >= inEnd) throw corrupt("back-reference cut short");
        }
        int ref = op - ((c & 0x1f) << 8) - 1 - (in[ip++] & 0xff);
        n += 2;
        if (n > outEnd - op) throw corrupt("back-reference past the declared length");
        if (ref < outOff) throw corrupt("back-reference before the start of the data");
        if (op - ref >= n) {
          System.arraycopy(out, ref, out, op, n);
          op += n;
        } else {
          for (int i = 0; i < n; i++) out[op++] = out[ref++];
        }
      }
    }
    if (op != outEnd) {
      throw corrupt("decompressed to " + (op - outOff) + " bytes instead of " + outLen);
    }
  }

  /** Decompresses to a new array of exactly {@code outLen} bytes. */
  public static byte[] decompress(byte[] in, int outLen) throws RdbException {
    if (outLen < 0) throw corrupt("negative length");
    if ((long) outLen > (long) MAX_EXPANSION * in.length) {
      throw corrupt("declared length " + outLen + " exceeds what " + in.length
          + " compressed bytes can hold");
    }
    byte[] out = new byte[outLen];
    decompress(in, 0, in.length, out, 0, outLen);
    return out;
  }

  private static RdbException corrupt(String what) {
    return new RdbException("invalid LZF compressed string: " + what);
  }
}
