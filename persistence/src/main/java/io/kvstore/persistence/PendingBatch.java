package io.kvstore.persistence;

import java.util.Arrays;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteBatchWithIndex;

/**
 * The writes since the last commit, serialized in Java in RocksDB's own write-batch format, so
 * adding a write costs no native call and a commit hands the whole batch over in one.
 *
 * <p>The format (RocksDB {@code write_batch.cc}): a 12-byte header (sequence number, fixed64,
 * filled in by the database; record count, fixed32, little-endian), then one record per write:
 * a tag byte, the column family id as a varint32 when it is not the default family, and the key
 * (and the value, for a put) each as a varint32 length followed by the bytes.
 *
 * <p>Reads do not search this batch (the store keeps the pending values in Java); ordered
 * reads that must see pending writes get an indexed copy through {@link #indexInto}, which
 * replays only the records added since its previous call.
 */
final class PendingBatch {
  private static final int HEADER = 12;
  // RocksDB ValueType tags (dbformat.h)
  private static final byte DELETION = 0x0;
  private static final byte VALUE = 0x1;
  private static final byte SINGLE_DELETION = 0x7;
  private static final byte CF_DELETION = 0x4;
  private static final byte CF_VALUE = 0x5;
  private static final byte CF_SINGLE_DELETION = 0x8;

  private byte[] buf = new byte[4096];
  private int len = HEADER;
  private int count;
  private long maxBytes;
  /** How much of {@link #buf} has been replayed into the index (see {@link #indexInto}). */
  private int indexed = HEADER;

  int count() {
    return count;
  }

  /** Serialized size in bytes. */
  int bytes() {
    return len;
  }

  /** Caps the serialized size (0 = no cap): a write that would pass it is refused. */
  void setMaxBytes(long max) {
    maxBytes = max;
  }

  /** True when a record of about {@code payload} bytes still fits under the cap. */
  boolean fits(long payload) {
    return maxBytes <= 0 || len + payload + 16 <= maxBytes;
  }

  /** A put whose key is {@code prefix} followed by {@code key}. */
  void put(int cf, byte[] prefix, byte[] key, byte[] value) {
    int keyLen = prefix.length + key.length;
    ensure(1 + 5 + 5 + keyLen + 5 + value.length);
    tag(cf, VALUE, CF_VALUE);
    varint(keyLen);
    append(prefix);
    append(key);
    varint(value.length);
    append(value);
    count++;
  }

  void put(int cf, byte[] key, byte[] value) {
    put(cf, EMPTY, key, value);
  }

  /** A data-family value: key [slot][key], value [type][expireAt][payload] (see KeyCodec). */
  void putValue(int cf, int slot, byte[] key, byte type, long expireAt, byte[] payload) {
    int keyLen = KeyCodec.SLOT_BYTES + key.length;
    int valueLen = 9 + payload.length;
    ensure(1 + 5 + 5 + keyLen + 5 + valueLen);
    tag(cf, VALUE, CF_VALUE);
    varint(keyLen);
    KeyCodec.putInt(buf, len, slot);
    len += 4;
    append(key);
    varint(valueLen);
    buf[len++] = type;
    KeyCodec.putLong(buf, len, expireAt);
    len += 8;
    append(payload);
    count++;
  }

  void delete(int cf, byte[] key) {
    ensure(1 + 5 + 5 + key.length);
    tag(cf, DELETION, CF_DELETION);
    varint(key.length);
    append(key);
    count++;
  }

  void singleDelete(int cf, byte[] key) {
    ensure(1 + 5 + 5 + key.length);
    tag(cf, SINGLE_DELETION, CF_SINGLE_DELETION);
    varint(key.length);
    append(key);
    count++;
  }

  /**
   * These writes in the order they were added, serialized with their header: the first
   * {@link #bytes()} bytes of the returned buffer, which is this batch's own (no copy) and valid
   * until the next write or {@link #clear}.
   */
  byte[] serialized() {
    writeHeader(buf, count);
    return buf;
  }

  /** These writes in the order they were added, serialized with their header (a copy). */
  byte[] toBytes() {
    writeHeader(buf, count);
    return Arrays.copyOf(buf, len);
  }

  /** A native batch holding these writes in the order they were added; the caller closes it. */
  WriteBatch toWriteBatch() {
    writeHeader(buf, count);
    return new WriteBatch(Arrays.copyOf(buf, len));
  }

  /**
   * A native batch holding these writes sorted by column family and key (see
   * {@link BatchOrder}: same effect, cheaper memtable inserts); the caller closes it.
   */
  WriteBatch toSortedWriteBatch() {
    return new WriteBatch(BatchOrder.sorted(buf, len, count));
  }

  /** Fills in a batch header: sequence number 0 (the database sets it) and the record count. */
  static void writeHeader(byte[] b, int count) {
    Arrays.fill(b, 0, 8, (byte) 0);
    b[8] = (byte) count;
    b[9] = (byte) (count >>> 8);
    b[10] = (byte) (count >>> 16);
    b[11] = (byte) (count >>> 24);
  }

  /** True when a record with this tag names its column family. */
  static boolean hasFamily(byte tag) {
    return tag == CF_VALUE || tag == CF_DELETION || tag == CF_SINGLE_DELETION;
  }

  /** True when a record with this tag carries a value (a put). */
  static boolean hasValue(byte tag) {
    return tag == VALUE || tag == CF_VALUE;
  }

  void clear() {
    len = HEADER;
    count = 0;
    indexed = HEADER;
    if (buf.length > (1 << 20)) buf = new byte[4096]; // do not keep a huge buffer after a big batch
  }

  /**
   * Adds the records not yet replayed into {@code index} (which must hold exactly the earlier
   * ones: a fresh or cleared index after {@link #resetIndex}).
   */
  void indexInto(WriteBatchWithIndex index, ColumnFamilyHandle[] families) throws RocksDBException {
    int p = indexed;
    while (p < len) {
      byte tag = buf[p++];
      int cfId = 0;
      if (tag == CF_VALUE || tag == CF_DELETION || tag == CF_SINGLE_DELETION) {
        long[] r = readVarint(p);
        cfId = (int) r[0];
        p = (int) r[1];
      }
      ColumnFamilyHandle cf = families[cfId];
      long[] kl = readVarint(p);
      p = (int) kl[1];
      byte[] key = Arrays.copyOfRange(buf, p, p + (int) kl[0]);
      p += (int) kl[0];
      if (tag == VALUE || tag == CF_VALUE) {
        long[] vl = readVarint(p);
        p = (int) vl[1];
        byte[] value = Arrays.copyOfRange(buf, p, p + (int) vl[0]);
        p += (int) vl[0];
        index.put(cf, key, value);
      } else if (tag == DELETION || tag == CF_DELETION) {
        index.delete(cf, key);
      } else {
        index.singleDelete(cf, key);
      }
    }
    indexed = p;
  }

  /** The index was cleared: the next {@link #indexInto} replays every record. */
  void resetIndex() {
    indexed = HEADER;
  }

  /** True when every record is in the index. */
  boolean fullyIndexed() {
    return indexed == len;
  }

  private static final byte[] EMPTY = new byte[0];

  private void tag(int cf, byte plain, byte withFamily) {
    if (cf == 0) {
      buf[len++] = plain;
    } else {
      buf[len++] = withFamily;
      varint(cf);
    }
  }

  private void varint(int v) {
    while ((v & ~0x7f) != 0) {
      buf[len++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    buf[len++] = (byte) v;
  }

  /** {value, next position}. */
  private long[] readVarint(int p) {
    long v = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = buf[p++];
      v |= (long) (b & 0x7f) << shift;
      if (b >= 0) return new long[] {v, p};
    }
  }

  private void append(byte[] b) {
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
  }

  private void ensure(int extra) {
    if (len + extra <= buf.length) return;
    long want = Math.max((long) buf.length * 2, (long) len + extra);
    if (want > Integer.MAX_VALUE - 8) throw new IllegalStateException("write batch over 2 GB");
    buf = Arrays.copyOf(buf, (int) want);
  }
}
