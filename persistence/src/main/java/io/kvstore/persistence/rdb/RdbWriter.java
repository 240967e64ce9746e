package io.kvstore.persistence.rdb;

import static io.kvstore.persistence.rdb.RdbFormat.*;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Streaming RDB v10 writer, producing the bytes redis-server 7.0 writes for the same strings.
 *
 * <p>Order of calls: {@link #writeHeader}, optionally {@link #writeAux} / {@link #writeFunction},
 * then per database {@link #selectDb} followed by its {@link #writeEntry} calls, then
 * {@link #finish} ({@code 0xFF} and the CRC64 of everything before it, little-endian). Or all in
 * one: {@link #write(OutputStream, RdbAux, RdbSource)}.
 *
 * <p>Strings (keys, values, aux values) are encoded as Redis encodes them: a canonical decimal
 * integer of at most 11 characters that fits 32 bits becomes an 8/16/32-bit integer; otherwise,
 * with compression on, a string over 20 bytes is LZF-compressed when that saves at least 4
 * bytes; otherwise it is written as is. Expiry is the ms opcode with a little-endian time.
 *
 * <p>Output is buffered here and the checksum runs over the buffer as it is flushed; the stream
 * is flushed by {@link #finish} but never closed. Not thread-safe.
 */
public final class RdbWriter {
  private static final int BUFFER = 16 * 1024;
  /** Scratch for compression is kept between strings up to this size, allocated beyond it. */
  private static final int KEEP_SCRATCH = 1 << 20;

  private enum State { NEW, HEADER, DB, FINISHED }

  private final OutputStream out;
  private final boolean compress;
  private final boolean checksum;
  private final Crc64 crc = new Crc64();
  private final Lzf lzf = new Lzf();
  private final byte[] buf = new byte[BUFFER];
  private byte[] scratch = new byte[256];
  private int pos;
  private long written;
  private State state = State.NEW;

  /** A writer with Redis's defaults: {@code rdbcompression yes}, {@code rdbchecksum yes}. */
  public RdbWriter(OutputStream out) {
    this(out, true, true);
  }

  /** {@code checksum} false writes a 0 checksum ("not computed"), as {@code rdbchecksum no}. */
  public RdbWriter(OutputStream out, boolean compress, boolean checksum) {
    this.out = out;
    this.compress = compress;
    this.checksum = checksum;
  }

  /** Writes a whole dataset: header, every non-empty database of {@code source}, end. */
  public static long write(OutputStream out, RdbAux aux, RdbSource source) throws IOException {
    RdbWriter w = new RdbWriter(out);
    w.writeHeader(aux);
    w.writeAll(source);
    return w.finish();
  }

  /** Writes the databases of {@code source} that have at least one entry. */
  public void writeAll(RdbSource source) throws IOException {
    for (int db = 0; db < source.databases(); db++) {
      try (RdbEntryIterator it = source.entries(db)) {
        if (!it.hasNext()) continue;
        selectDb(db, source.size(db), source.expires(db));
        while (it.hasNext()) {
          RdbEntry e = it.next();
          if (e.db() != db) {
            throw new IllegalArgumentException("entry of db " + e.db() + " listed under db " + db);
          }
          writeEntry(e.key(), e.value(), e.expireAt());
        }
      }
    }
  }

  /** The magic and the standard aux fields. */
  public void writeHeader(RdbAux aux) throws IOException {
    expect(State.NEW, "writeHeader");
    state = State.HEADER;
    raw(("REDIS" + String.format("%04d", VERSION)).getBytes(StandardCharsets.US_ASCII));
    writeAux("redis-ver", aux.redisVersion());
    writeAux("redis-bits", Integer.toString(aux.redisBits()));
    writeAux("ctime", Long.toString(aux.ctime()));
    writeAux("used-mem", Long.toString(aux.usedMem()));
    if (aux.hasReplication()) {
      writeAux("repl-stream-db", Integer.toString(aux.replStreamDb()));
      writeAux("repl-id", aux.replId());
      writeAux("repl-offset", Long.toString(aux.replOffset()));
    }
    writeAux("aof-base", Long.toString(aux.aofBase()));
  }

  /** Any further aux field (before the first database). */
  public void writeAux(String key, String value) throws IOException {
    writeAux(key, value.getBytes(StandardCharsets.UTF_8));
  }

  public void writeAux(String key, byte[] value) throws IOException {
    expect(State.HEADER, "writeAux");
    u8(OPCODE_AUX);
    string(key.getBytes(StandardCharsets.UTF_8));
    string(value);
  }

  /** A function library (FUNCTION2), before the first database. */
  public void writeFunction(byte[] payload) throws IOException {
    expect(State.HEADER, "writeFunction");
    u8(OPCODE_FUNCTION2);
    string(payload);
  }

  /** Starts database {@code db}: SELECTDB, then RESIZEDB with the key and expiry counts. */
  public void selectDb(int db, long size, long expires) throws IOException {
    if (state != State.HEADER && state != State.DB) expect(State.DB, "selectDb");
    if (db < 0) throw new IllegalArgumentException("negative database " + db);
    state = State.DB;
    u8(OPCODE_SELECTDB);
    length(db);
    u8(OPCODE_RESIZEDB);
    length(size);
    length(expires);
  }

  /** A string key of the current database; {@code expireAt} in unix ms or -1. */
  public void writeEntry(byte[] key, byte[] value, long expireAt) throws IOException {
    expect(State.DB, "writeEntry");
    if (expireAt != RdbEntry.NO_EXPIRY) {
      u8(OPCODE_EXPIRETIME_MS);
      for (int i = 0; i < 8; i++) u8((int) (expireAt >>> (8 * i)));
    }
    u8(TYPE_STRING);
    string(key);
    string(value);
  }

  /** Writes EOF and the checksum and flushes; returns the total bytes written. */
  public long finish() throws IOException {
    if (state != State.HEADER && state != State.DB) expect(State.DB, "finish");
    state = State.FINISHED;
    u8(OPCODE_EOF);
    drain();
    long c = checksum ? crc.value() : 0;
    byte[] tail = new byte[8];
    for (int i = 0; i < 8; i++) tail[i] = (byte) (c >>> (8 * i));
    out.write(tail);
    written += 8;
    out.flush();
    return written;
  }

  /** Bytes handed to the stream so far (buffered ones included). */
  public long bytesWritten() {
    return written + pos;
  }

  /** The RDB string encoding of {@code s}, as Redis's rdbSaveRawString chooses it. */
  private void string(byte[] s) throws IOException {
    int len = s.length;
    if (len <= 11) {
      long v = canonicalInt(s);
      if (v != NOT_INT) {
        if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
          u8((LEN_ENCVAL << 6) | ENC_INT8);
          u8((int) v);
          return;
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
          u8((LEN_ENCVAL << 6) | ENC_INT16);
          u8((int) v);
          u8((int) (v >> 8));
          return;
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
          u8((LEN_ENCVAL << 6) | ENC_INT32);
          for (int i = 0; i < 4; i++) u8((int) (v >> (8 * i)));
          return;
        }
      }
    }
    if (compress && len > 20) {
      int cap = len - 4;
      byte[] dst = cap <= KEEP_SCRATCH ? scratch(cap) : new byte[cap];
      int clen = lzf.compress(s, 0, len, dst, 0, cap);
      if (clen > 0) {
        u8((LEN_ENCVAL << 6) | ENC_LZF);
        length(clen);
        length(len);
        raw(dst, 0, clen);
        return;
      }
    }
    length(len);
    raw(s, 0, len);
  }

  private static final long NOT_INT = Long.MIN_VALUE;

  /**
   * The value of {@code s} if it is an integer in canonical form (what Redis's string2ll
   * accepts: optional '-', no '+', no leading zeros, no "-0", no spaces), else {@link #NOT_INT}.
   * Only called for at most 11 bytes, so it cannot overflow.
   */
  static long canonicalInt(byte[] s) {
    int n = s.length;
    if (n == 0) return NOT_INT;
    if (n == 1 && s[0] == '0') return 0;
    int i = 0;
    boolean negative = s[0] == '-';
    if (negative) i++;
    if (i >= n || s[i] < '1' || s[i] > '9') return NOT_INT;
    long v = 0;
    for (; i < n; i++) {
      if (s[i] < '0' || s[i] > '9') return NOT_INT;
      v = v * 10 + (s[i] - '0');
    }
    return negative ? -v : v;
  }

  private byte[] scratch(int n) {
    if (scratch.length < n) scratch = new byte[Math.max(n, Math.min(KEEP_SCRATCH, scratch.length * 2))];
    return scratch;
  }

  private void length(long len) throws IOException {
    if (len < 0) throw new IllegalArgumentException("negative length " + len);
    if (len < (1 << 6)) {
      u8((int) len);
    } else if (len < (1 << 14)) {
      u8((LEN_14BIT << 6) | (int) (len >> 8));
      u8((int) len);
    } else if (len <= 0xFFFFFFFFL) {
      u8(LEN_32BIT);
      for (int i = 3; i >= 0; i--) u8((int) (len >>> (8 * i)));
    } else {
      u8(LEN_64BIT);
      for (int i = 7; i >= 0; i--) u8((int) (len >>> (8 * i)));
    }
  }

  private void u8(int b) throws IOException {
    if (pos == buf.length) drain();
    buf[pos++] = (byte) b;
  }

  private void raw(byte[] b) throws IOException {
    raw(b, 0, b.length);
  }

  private void raw(byte[] b, int off, int len) throws IOException {
    if (len <= buf.length - pos) {
      System.arraycopy(b, off, buf, pos, len);
      pos += len;
      return;
    }
    drain();
    if (len < buf.length) {
      System.arraycopy(b, off, buf, 0, len);
      pos = len;
      return;
    }
    crc.update(b, off, len);
    out.write(b, off, len);
    written += len;
  }

  private void drain() throws IOException {
    if (pos == 0) return;
    crc.update(buf, 0, pos);
    out.write(buf, 0, pos);
    written += pos;
    pos = 0;
  }

  private void expect(State s, String call) {
    if (state != s) throw new IllegalStateException(call + " not allowed in state " + state);
  }
}
