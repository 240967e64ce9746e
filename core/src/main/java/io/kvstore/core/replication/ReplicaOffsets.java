package io.kvstore.core.replication;

/**
 * A replica's two offsets in its master's stream (Redis's master client {@code read_reploff}
 * and {@code reploff}) and the ACKs it sends.
 *
 * <p>{@code read} advances as bytes arrive; {@code applied} advances by a command's exact byte
 * length only after the command completed. So the immediate ACK answering
 * {@code REPLCONF GETACK *} reports the offset before the GETACK itself (its 37 bytes are not
 * yet applied), while the next periodic ACK (every second) includes them. The bytes applied
 * are also what a replica forwards, unchanged, to its backlog and sub-replicas, which keeps
 * offsets identical down a chain.
 */
public final class ReplicaOffsets {
  private long read;
  private long applied;

  /** Starts at the FULLRESYNC offset, or the cached offset on +CONTINUE. */
  public ReplicaOffsets(long offset) {
    this.read = offset;
    this.applied = offset;
  }

  public long read() { return read; }
  public long applied() { return applied; }

  /** Bytes received from the master (not yet executed). */
  public void onReceived(long bytes) {
    read += bytes;
  }

  /** A command of {@code bytes} stream bytes finished executing. */
  public void onApplied(long bytes) {
    applied += bytes;
    if (applied > read) read = applied;
  }

  /** {@code REPLCONF ACK <applied>}: what GETACK answers at once and the cron sends each second. */
  public byte[] ack() {
    return StreamEncoder.array(StreamEncoder.ascii("REPLCONF"), StreamEncoder.ascii("ACK"),
        StreamEncoder.ascii(Long.toString(applied)));
  }
}
