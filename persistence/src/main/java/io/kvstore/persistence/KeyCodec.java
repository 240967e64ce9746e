package io.kvstore.persistence;

import io.kvstore.core.store.StoredValue;
import io.kvstore.core.store.ValueType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The on-disk byte layouts. Physical database slots are 4-byte big-endian prefixes, so one slot's
 * keys are one contiguous, ordered range (a whole database can be dropped with one range delete).
 *
 * <pre>
 * data    [slot 4][user key]                  -> [type tag 1][expireAt 8, BE][payload]
 * expires [slot 4][expireAt 8, BE, sign-flipped][user key] -> (empty)
 * meta    [0x00][kind 1][...]                 -> internal (layout, counters, slots to collect,
 *                                                journal marker)
 *         [0x01][name utf-8]                  -> node metadata (Store.putMeta)
 * </pre>
 *
 * The expiry time is sign-flipped in the index key so that unsigned byte order equals signed
 * numeric order (a negative time, however unlikely, still sorts first).
 */
final class KeyCodec {
  static final int SLOT_BYTES = 4;
  private static final int VALUE_HEADER = 9;

  static final byte[] META_FORMAT = {0, 'V'};
  static final byte[] META_LAYOUT = {0, 'L'};
  static final byte[] META_GC_PREFIX = {0, 'G'};
  /** The last journal record applied to this database (see WriteJournal). */
  static final byte[] META_JOURNAL_APPLIED = {0, 'J'};
  private static final byte META_COUNTERS = 'C';
  private static final byte META_USER = 1;

  private KeyCodec() {}

  static byte[] slotPrefix(int slot) {
    byte[] p = new byte[SLOT_BYTES];
    putInt(p, 0, slot);
    return p;
  }

  /** The first key after every key of the slot (the next slot's prefix). */
  static byte[] slotEnd(int slot) {
    return slotPrefix(slot + 1);
  }

  static byte[] dataKey(int slot, byte[] key) {
    byte[] k = new byte[SLOT_BYTES + key.length];
    putInt(k, 0, slot);
    System.arraycopy(key, 0, k, SLOT_BYTES, key.length);
    return k;
  }

  static boolean inSlot(byte[] storedKey, int slot) {
    return storedKey.length >= SLOT_BYTES && getInt(storedKey, 0) == slot;
  }

  /** The user key of a data key. */
  static byte[] userKey(byte[] dataKey) {
    return Arrays.copyOfRange(dataKey, SLOT_BYTES, dataKey.length);
  }

  static byte[] encodeValue(StoredValue v) {
    byte[] data = v.data();
    byte[] out = new byte[VALUE_HEADER + data.length];
    out[0] = v.type().tag();
    putLong(out, 1, v.expireAt());
    System.arraycopy(data, 0, out, VALUE_HEADER, data.length);
    return out;
  }

  static StoredValue decodeValue(byte[] raw) {
    return new StoredValue(ValueType.ofTag(raw[0]), Arrays.copyOfRange(raw, VALUE_HEADER, raw.length),
        getLong(raw, 1));
  }

  static byte[] expiresKey(int slot, long expireAt, byte[] key) {
    byte[] k = new byte[SLOT_BYTES + 8 + key.length];
    putInt(k, 0, slot);
    putLong(k, SLOT_BYTES, expireAt ^ Long.MIN_VALUE);
    System.arraycopy(key, 0, k, SLOT_BYTES + 8, key.length);
    return k;
  }

  static long expiresAt(byte[] expiresKey) {
    return getLong(expiresKey, SLOT_BYTES) ^ Long.MIN_VALUE;
  }

  static byte[] expiresUserKey(byte[] expiresKey) {
    return Arrays.copyOfRange(expiresKey, SLOT_BYTES + 8, expiresKey.length);
  }

  static byte[] userMetaKey(String name) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    byte[] k = new byte[1 + n.length];
    k[0] = META_USER;
    System.arraycopy(n, 0, k, 1, n.length);
    return k;
  }

  static byte[] countersKey(int slot) {
    byte[] k = {0, META_COUNTERS, 0, 0, 0, 0};
    putInt(k, 2, slot);
    return k;
  }

  static byte[] gcKey(int slot) {
    byte[] k = {META_GC_PREFIX[0], META_GC_PREFIX[1], 0, 0, 0, 0};
    putInt(k, 2, slot);
    return k;
  }

  static boolean isGcKey(byte[] k) {
    return k.length == 6 && k[0] == META_GC_PREFIX[0] && k[1] == META_GC_PREFIX[1];
  }

  static int gcSlot(byte[] gcKey) {
    return getInt(gcKey, 2);
  }

  static byte[] encodeCounters(long size, long expires) {
    byte[] v = new byte[16];
    putLong(v, 0, size);
    putLong(v, 8, expires);
    return v;
  }

  static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }

  static int getInt(byte[] b, int off) {
    return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8)
        | (b[off + 3] & 0xff);
  }

  static void putLong(byte[] b, int off, long v) {
    for (int i = 7; i >= 0; i--) {
      b[off + i] = (byte) v;
      v >>>= 8;
    }
  }

  static long getLong(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) v = (v << 8) | (b[off + i] & 0xff);
    return v;
  }
}
