package io.kvstore.raft;

import java.nio.ByteBuffer;

/**
 * What the store has applied: the last log entry's term and index and the raft time it ran at.
 * Written to store metadata in the same commit as the entry's data, so after a restart the node
 * knows exactly which entries its data includes (with the RocksDB WAL off, that is what the last
 * memtable flush kept) and skips them when Ratis replays the log.
 */
record AppliedState(long term, long index, long timestampMs) {
  static final String META_KEY = "raft.applied";
  static final AppliedState NONE = new AppliedState(0, 0, 0);

  byte[] encode() {
    return ByteBuffer.allocate(24).putLong(term).putLong(index).putLong(timestampMs).array();
  }

  static AppliedState decode(byte[] b) {
    if (b == null) return NONE;
    if (b.length != 24) throw new IllegalStateException("corrupt " + META_KEY + " metadata (" + b.length + " bytes)");
    ByteBuffer bb = ByteBuffer.wrap(b);
    return new AppliedState(bb.getLong(), bb.getLong(), bb.getLong());
  }
}
