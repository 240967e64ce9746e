package io.kvstore.persistence;

import java.util.Locale;

/**
 * When the RocksDB write-ahead log is fsynced, as Redis's {@code appendfsync}. Every commit is
 * written to the WAL (handed to the OS) whatever the policy, so killing the process loses no
 * committed write; the policy only decides what a machine crash or power loss can take away:
 * nothing ({@link #ALWAYS}), about the last second ({@link #EVERYSEC}), or whatever the OS had
 * not yet written back ({@link #NO}).
 */
public enum SyncPolicy {
  /** fsync as part of every commit, before its replies are written. */
  ALWAYS,
  /** fsync from a background thread once a second. */
  EVERYSEC,
  /** never fsync explicitly; the OS writes back when it likes. */
  NO,
  /**
   * No write-ahead log at all (the raft mode, whose Raft log is the write-ahead log): a commit
   * only reaches the memtables, and becomes durable when they are flushed (atomically across
   * the column families). Not an {@code appendfsync} value.
   */
  WAL_OFF;

  /** Parses an {@code appendfsync} value: always, everysec or no (any case). */
  public static SyncPolicy of(String appendfsync) {
    switch (appendfsync.toLowerCase(Locale.ROOT)) {
      case "always":
        return ALWAYS;
      case "everysec":
        return EVERYSEC;
      case "no":
        return NO;
      default:
        throw new IllegalArgumentException("invalid appendfsync value: " + appendfsync);
    }
  }

  /** The {@code appendfsync} spelling. */
  public String configValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
