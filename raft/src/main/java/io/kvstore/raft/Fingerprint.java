package io.kvstore.raft;

import io.kvstore.core.store.StoredValue;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * What a WATCHed key held, as 16 bytes of SHA-256 over its type, expiry and data (empty when the
 * key is missing or expired at the given time). In the raft mode a transaction runs where the
 * log puts it, not where the client's node queued it, so WATCH is checked at apply time by
 * comparing fingerprints: the transaction runs only if every watched key still holds what the
 * client's node saw. Unlike Redis, rewriting a key with the same value and expiry does not
 * abort the transaction.
 */
final class Fingerprint {
  static final byte[] MISSING = new byte[0];

  private Fingerprint() {}

  static byte[] of(StoredValue v, long nowMs) {
    if (v == null || v.isExpiredAt(nowMs)) return MISSING;
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    md.update((byte) v.type().ordinal());
    md.update(ByteBuffer.allocate(8).putLong(v.expireAt()).array());
    md.update(v.data());
    return Arrays.copyOf(md.digest(), 16);
  }
}
