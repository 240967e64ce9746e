package io.kvstore.persistence.rdb;

import static io.kvstore.persistence.rdb.RdbFormat.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streaming RDB parser (versions 1 to 10) for datasets of strings.
 *
 * <p><b>What it reads.</b> The magic and version; aux fields (all reported, the replication ones
 * kept in {@link RdbInfo}); FUNCTION2 and the release-candidate FUNCTION libraries (reported);
 * MODULE_AUX blocks (skipped by walking their typed values); SELECTDB, RESIZEDB; per key the
 * optional ms ({@code 0xFC}) or seconds ({@code 0xFD}) expiry and IDLE/FREQ hints (ignored), then
 * the type byte, key and value. Strings come in every encoding: plain, 8/16/32-bit integers, LZF.
 * Any other value type stops the read with an {@link RdbException} naming the type and the key.
 * The file must end with {@code 0xFF} and, from version 5, the CRC64 of everything before it,
 * which is verified unless stored as 0.
 *
 * <p><b>Safety.</b> Every failure of the stream's content, truncation included, is an
 * {@link RdbException} (I/O errors of the underlying stream pass through). Declared lengths are
 * checked against a limit before use, plain strings are buffered as their bytes arrive, and an
 * LZF string's output is allocated only after its compressed bytes were read and only if they
 * can expand to the declared length, so a corrupt length never causes a large allocation.
 *
 * <p><b>Streaming.</b> Only the current key and value are held. The reader consumes exactly the
 * RDB's bytes and nothing after the checksum, so a replication stream can be read on from the
 * same stream. It reads single bytes often: give it a buffered stream. One reader, one read.
 */
public final class RdbReader {
  /** Redis's default {@code proto-max-bulk-len}: no string above it can have been stored. */
  public static final long DEFAULT_MAX_STRING_BYTES = 512L << 20;

  private final RdbInput in;
  private final long maxString;
  private int version;
  private boolean used;

  public RdbReader(InputStream in) {
    this(in, DEFAULT_MAX_STRING_BYTES);
  }

  /** {@code maxStringBytes} bounds every string (key, value, aux, compressed or not). */
  public RdbReader(InputStream in, long maxStringBytes) {
    if (maxStringBytes < 0 || maxStringBytes > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("maxStringBytes out of range: " + maxStringBytes);
    }
    this.in = new RdbInput(in);
    this.maxString = maxStringBytes;
  }

  /** Parses the whole RDB, reporting to {@code visitor}; returns what it found besides keys. */
  public RdbInfo read(RdbVisitor visitor) throws IOException {
    if (used) throw new IllegalStateException("an RdbReader reads one stream once");
    used = true;
    version = readHeader();
    Map<String, byte[]> aux = new LinkedHashMap<>();
    List<byte[]> functions = new ArrayList<>();
    String replId = null;
    long replOffset = -1;
    int replStreamDb = -1;
    int modules = 0;
    long keys = 0;
    int db = 0;
    long expireAt = RdbEntry.NO_EXPIRY;
    while (true) {
      long at = in.offset();
      int type = in.readU8("an opcode or type byte");
      switch (type) {
        case OPCODE_EXPIRETIME:
          expireAt = in.readLe(4, "a seconds expiry") * 1000L;
          continue;
        case OPCODE_EXPIRETIME_MS:
          expireAt = in.readLe(8, "a millisecond expiry");
          continue;
        case OPCODE_FREQ:
          in.readU8("an LFU frequency");
          continue;
        case OPCODE_IDLE:
          readLength("an LRU idle time");
          continue;
        case OPCODE_SELECTDB:
          db = toInt(readLength("a database number"), "database number", at);
          continue;
        case OPCODE_RESIZEDB: {
          long size = readLength("a RESIZEDB size");
          long expires = readLength("a RESIZEDB expires size");
          visitor.resizeDb(db, size, expires);
          continue;
        }
        case OPCODE_AUX: {
          String key = new String(readString("an aux field name"), StandardCharsets.UTF_8);
          byte[] value = readString("the value of aux field " + key);
          aux.put(key, value);
          String text = new String(value, StandardCharsets.UTF_8);
          if (key.equalsIgnoreCase("repl-id")) {
            if (value.length == 40) replId = text;
          } else if (key.equalsIgnoreCase("repl-offset")) {
            replOffset = parseLong(text, -1);
          } else if (key.equalsIgnoreCase("repl-stream-db")) {
            replStreamDb = (int) parseLong(text, -1);
          }
          visitor.aux(key, value);
          continue;
        }
        case OPCODE_MODULE_AUX:
          skipModuleAux(at);
          modules++;
          continue;
        case OPCODE_FUNCTION2: {
          byte[] payload = readString("a function library");
          functions.add(payload);
          visitor.function(payload);
          continue;
        }
        case OPCODE_FUNCTION: {
          byte[] payload = readOldFunction();
          functions.add(payload);
          visitor.function(payload);
          continue;
        }
        case OPCODE_EOF:
          break;
        default:
          if (type == TYPE_STRING) {
            byte[] key = readString("a key");
            byte[] value = readString("the value of key " + printable(key));
            visitor.entry(db, key, value, expireAt);
            keys++;
            expireAt = RdbEntry.NO_EXPIRY;
            continue;
          }
          if (isKnownType(type)) {
            byte[] key = readString("a key");
            throw new RdbException("unsupported value type " + typeName(type) + " (type byte "
                + type + ") for key " + printable(key) + " in db " + db + " at offset " + at
                + ": only strings can be loaded");
          }
          throw new RdbException("unknown opcode or value type byte " + type + " (0x"
              + Integer.toHexString(type) + ") at offset " + at);
      }
      break;
    }
    boolean verified = readChecksum();
    return new RdbInfo(version, Collections.unmodifiableMap(aux), replId, replOffset,
        replStreamDb, List.copyOf(functions), modules, keys, verified);
  }

  /** The version of the file being read (after {@link #read} started). */
  public int version() {
    return version;
  }

  private int readHeader() throws IOException {
    byte[] magic = new byte[9];
    in.readFully(magic, 0, 9, "the RDB header");
    if (magic[0] != 'R' || magic[1] != 'E' || magic[2] != 'D' || magic[3] != 'I' || magic[4] != 'S') {
      throw new RdbException("not an RDB file: bad magic " + printable(magic));
    }
    int v = 0;
    for (int i = 5; i < 9; i++) {
      if (magic[i] < '0' || magic[i] > '9') {
        throw new RdbException("not an RDB file: bad version field " + printable(magic));
      }
      v = v * 10 + (magic[i] - '0');
    }
    if (v < 1 || v > VERSION) {
      throw new RdbException("can't handle RDB format version " + v + ": versions 1 to "
          + VERSION + " (Redis up to 7.0) can be read");
    }
    return v;
  }

  private boolean readChecksum() throws IOException {
    if (version < FIRST_VERSION_WITH_CHECKSUM) return false;
    long expected = in.crc();
    byte[] b = new byte[8];
    in.readRaw(b, 0, 8, "the checksum");
    long stored = 0;
    for (int i = 7; i >= 0; i--) stored = (stored << 8) | (b[i] & 0xff);
    if (stored == 0) return false;
    if (stored != expected) {
      throw new RdbException("RDB checksum mismatch: the file says 0x" + Long.toHexString(stored)
          + ", its content gives 0x" + Long.toHexString(expected));
    }
    return true;
  }

  /** A length (unsigned, up to 64 bits); an encoded-value prefix here is corruption. */
  private long readLength(String what) throws IOException {
    long at = in.offset();
    int b = in.readU8(what);
    int kind = (b & 0xC0) >> 6;
    if (kind == LEN_6BIT) return b & 0x3F;
    if (kind == LEN_14BIT) return ((b & 0x3F) << 8) | in.readU8(what);
    if (b == LEN_32BIT) return in.readBe(4, what);
    if (b == LEN_64BIT) return in.readBe(8, what);
    if (kind == LEN_ENCVAL) {
      // Redis returns the 6 bits as the length in this context; a writer never emits it.
      return b & 0x3F;
    }
    throw new RdbException("unknown length encoding 0x" + Integer.toHexString(b) + " at offset "
        + at + " (reading " + what + ")");
  }

  /** A string in any encoding: plain, integer (as decimal text) or LZF. */
  byte[] readString(String what) throws IOException {
    long at = in.offset();
    int b = in.readU8(what);
    if (((b & 0xC0) >> 6) == LEN_ENCVAL) {
      switch (b & 0x3F) {
        case ENC_INT8:
          return decimal(in.readLe(1, what));
        case ENC_INT16:
          return decimal(in.readLe(2, what));
        case ENC_INT32:
          return decimal(in.readLe(4, what));
        case ENC_LZF:
          return readLzf(what, at);
        default:
          throw new RdbException("unknown string encoding " + (b & 0x3F) + " at offset " + at
              + " (reading " + what + ")");
      }
    }
    long len;
    if (((b & 0xC0) >> 6) == LEN_6BIT) {
      len = b & 0x3F;
    } else if (((b & 0xC0) >> 6) == LEN_14BIT) {
      len = ((b & 0x3F) << 8) | in.readU8(what);
    } else if (b == LEN_32BIT) {
      len = in.readBe(4, what);
    } else if (b == LEN_64BIT) {
      len = in.readBe(8, what);
    } else {
      throw new RdbException("unknown length encoding 0x" + Integer.toHexString(b) + " at offset "
          + at + " (reading " + what + ")");
    }
    return in.readBytes(checkLimit(len, what, at), what);
  }

  private byte[] readLzf(String what, long at) throws IOException {
    int clen = checkLimit(readLength(what), what + " (compressed length)", at);
    int rawLen = checkLimit(readLength(what), what + " (uncompressed length)", at);
    byte[] compressed = in.readBytes(clen, what);
    if (rawLen == 0) return new byte[0];
    try {
      return Lzf.decompress(compressed, rawLen);
    } catch (RdbException e) {
      throw new RdbException(e.getMessage() + " at offset " + at + " (reading " + what + ")", e);
    }
  }

  private int checkLimit(long len, String what, long at) throws RdbException {
    if (len < 0 || len > maxString) {
      throw new RdbException("length " + Long.toUnsignedString(len) + " at offset " + at
          + " exceeds the limit of " + maxString + " bytes (reading " + what + ")");
    }
    return (int) len;
  }

  /**
   * MODULE_AUX: module id, the "when" opcode (must be UINT) and value, then typed values up to
   * the module EOF opcode. Each value is consumed by its declared type.
   */
  private void skipModuleAux(long at) throws IOException {
    readLength("a module id");
    long whenOpcode = readLength("a module aux when-opcode");
    if (whenOpcode != MODULE_OPCODE_UINT) {
      throw new RdbException("bad MODULE_AUX when-opcode " + whenOpcode + " at offset " + at);
    }
    readLength("a module aux when-value");
    while (true) {
      long opAt = in.offset();
      long op = readLength("a module value opcode");
      if (op == MODULE_OPCODE_EOF) return;
      if (op == MODULE_OPCODE_SINT || op == MODULE_OPCODE_UINT) {
        readLength("a module integer");
      } else if (op == MODULE_OPCODE_FLOAT) {
        in.skip(4, "a module float");
      } else if (op == MODULE_OPCODE_DOUBLE) {
        in.skip(8, "a module double");
      } else if (op == MODULE_OPCODE_STRING) {
        readString("a module string");
      } else {
        throw new RdbException("unknown module value opcode " + Long.toUnsignedString(op)
            + " at offset " + opAt);
      }
    }
  }

  /** FUNCTION as 7.0 release candidates wrote it, turned into a FUNCTION2 payload as Redis does. */
  private byte[] readOldFunction() throws IOException {
    String name = new String(readString("a library name"), StandardCharsets.UTF_8);
    String engine = new String(readString("a library engine"), StandardCharsets.UTF_8);
    if (readLength("a library description flag") != 0) readString("a library description");
    byte[] code = readString("a library body");
    byte[] head = ("#!" + engine + " name=" + name + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + code.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(code, 0, out, head.length, code.length);
    return out;
  }

  private static int toInt(long v, String what, long at) throws RdbException {
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw new RdbException(what + " " + Long.toUnsignedString(v) + " out of range at offset " + at);
    }
    return (int) v;
  }

  private static long parseLong(String s, long fallback) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static byte[] decimal(long v) {
    return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
  }

  /** A key or value for messages: quoted, non-printable bytes as \xNN, long ones cut. */
  static String printable(byte[] b) {
    StringBuilder sb = new StringBuilder("\"");
    int n = Math.min(b.length, 64);
    for (int i = 0; i < n; i++) {
      int c = b[i] & 0xff;
      if (c == '"' || c == '\\') {
        sb.append('\\').append((char) c);
      } else if (c >= 0x20 && c < 0x7f) {
        sb.append((char) c);
      } else {
        sb.append(String.format("\\x%02x", c));
      }
    }
    sb.append('"');
    if (b.length > n) sb.append("... (").append(b.length).append(" bytes)");
    return sb.toString();
  }
}
