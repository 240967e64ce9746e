package io.kvstore.persistence.rdb;

import java.util.Arrays;

/**
 * One string key of a dataset: its logical database, key, value and absolute expiry in unix ms
 * ({@link #NO_EXPIRY} for none, the same convention as the store's values).
 */
public record RdbEntry(int db, byte[] key, byte[] value, long expireAt) {
  public static final long NO_EXPIRY = -1;

  public boolean hasExpiry() {
    return expireAt != NO_EXPIRY;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RdbEntry e && e.db == db && e.expireAt == expireAt
        && Arrays.equals(e.key, key) && Arrays.equals(e.value, value);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * db + Arrays.hashCode(key)) + Arrays.hashCode(value)) + Long.hashCode(expireAt);
  }

  @Override
  public String toString() {
    return "RdbEntry[db=" + db + ", key=" + RdbReader.printable(key) + ", value="
        + RdbReader.printable(value) + ", expireAt=" + expireAt + "]";
  }
}
