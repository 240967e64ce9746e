package io.kvstore.persistence.rdb;

import java.io.IOException;

/**
 * An RDB stream that cannot be used: bad magic or version, truncated, corrupt (bad length,
 * encoding or LZF data, checksum mismatch), beyond a configured limit, or holding a value type
 * kvstore does not store. The message says which, and where.
 */
public class RdbException extends IOException {
  public RdbException(String message) {
    super(message);
  }

  public RdbException(String message, Throwable cause) {
    super(message, cause);
  }
}
