package io.kvstore.core.store;

/**
 * A value as stored: its type, payload and absolute expiry in unix ms ({@link #NO_EXPIRY} = none).
 */
public record StoredValue(ValueType type, byte[] data, long expireAt) {
  public static final long NO_EXPIRY = -1;

  public static StoredValue string(byte[] data, long expireAt) {
    return new StoredValue(ValueType.STRING, data, expireAt);
  }

  public boolean hasExpiry() {
    return expireAt != NO_EXPIRY;
  }

  public boolean isExpiredAt(long nowMs) {
    return expireAt != NO_EXPIRY && expireAt <= nowMs;
  }

  public StoredValue withExpireAt(long at) {
    return new StoredValue(type, data, at);
  }

  public StoredValue withData(byte[] d) {
    return new StoredValue(type, d, expireAt);
  }
}
