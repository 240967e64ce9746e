package io.kvstore.persistence;

/** A RocksDB operation failed; unchecked because the {@code Store} interface has no checked errors. */
public final class RocksStoreException extends RuntimeException {
  public RocksStoreException(String message) {
    super(message);
  }

  public RocksStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
