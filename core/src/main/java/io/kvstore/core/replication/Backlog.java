package io.kvstore.core.replication;

/**
 * The replication backlog: the most recent {@code repl-backlog-size} bytes of the replication
 * stream, kept so a reconnecting replica can continue with a partial resync.
 *
 * <p>Offsets are stream offsets, 1-based like Redis's: the backlog holds bytes
 * {@code firstByteOffset .. firstByteOffset + histlen - 1}, and the last one is always
 * {@code master_repl_offset}. A new backlog holds nothing and starts at
 * {@code master_repl_offset + 1} (the next byte to be produced). PSYNC may continue from any
 * offset in {@code firstByteOffset .. master_repl_offset + 1} (the latter with zero bytes to send).
 *
 * <p>A ring buffer of exactly the configured size (at least 16 KB, Redis's minimum); the array
 * grows on demand up to that size so a large setting costs memory only once used. Resizing keeps
 * the most recent bytes. (Redis 7.0 trims in whole shared-buffer blocks, so its histlen may
 * briefly exceed the size by less than one block; this ring trims byte-exactly.)
 */
public final class Backlog {
  /** Redis's CONFIG_REPL_BACKLOG_MIN_SIZE. */
  public static final long MIN_SIZE = 16 * 1024;
  /** Largest ring a Java array can hold. */
  public static final long MAX_SIZE = Integer.MAX_VALUE - 16;
  private static final int INITIAL_CAPACITY = 16 * 1024;

  private long size;
  private byte[] buf;
  private int head; // index of the first byte held
  private long histlen;
  private long firstByteOffset;

  /** An empty backlog created when the stream is at {@code masterReplOffset}. */
  public Backlog(long configuredSize, long masterReplOffset) {
    this.size = effectiveSize(configuredSize);
    this.buf = new byte[(int) Math.min(size, INITIAL_CAPACITY)];
    this.firstByteOffset = masterReplOffset + 1;
  }

  /** The size Redis actually uses for a configured {@code repl-backlog-size}. */
  public static long effectiveSize(long configured) {
    return Math.min(MAX_SIZE, Math.max(MIN_SIZE, configured));
  }

  public long size() { return size; }
  public long histlen() { return histlen; }
  public long firstByteOffset() { return firstByteOffset; }

  /** Offset of the last byte held (= master_repl_offset); firstByteOffset - 1 when empty. */
  public long endOffset() { return firstByteOffset + histlen - 1; }

  public void append(byte[] data) {
    append(data, 0, data.length);
  }

  public void append(byte[] data, int off, int len) {
    if (len == 0) return;
    if (len >= size) {
      // only the newest `size` bytes survive
      int skip = (int) (len - size);
      ensureCapacity(size);
      System.arraycopy(data, off + skip, buf, 0, (int) size);
      firstByteOffset = firstByteOffset + histlen + skip;
      head = 0;
      histlen = size;
      return;
    }
    ensureCapacity(Math.min(size, histlen + len));
    int cap = buf.length;
    int tail = (int) ((head + histlen) % cap);
    int first = Math.min(len, cap - tail);
    System.arraycopy(data, off, buf, tail, first);
    if (first < len) System.arraycopy(data, off + first, buf, 0, len - first);
    histlen += len;
    if (histlen > cap) {
      long drop = histlen - cap;
      head = (int) ((head + drop) % cap);
      histlen = cap;
      firstByteOffset += drop;
    }
  }

  /** True when a PSYNC at {@code offset} can be served from here. */
  public boolean holds(long offset) {
    return offset >= firstByteOffset && offset <= firstByteOffset + histlen;
  }

  /** The bytes from {@code offset} to the end (empty at master_repl_offset + 1). */
  public byte[] copyFrom(long offset) {
    if (!holds(offset)) {
      throw new IllegalArgumentException("offset " + offset + " not in backlog ["
          + firstByteOffset + ", " + (firstByteOffset + histlen) + "]");
    }
    int skip = (int) (offset - firstByteOffset);
    int len = (int) (histlen - skip);
    byte[] out = new byte[len];
    int cap = buf.length;
    int start = (int) ((head + (long) skip) % cap);
    int first = Math.min(len, cap - start);
    System.arraycopy(buf, start, out, 0, first);
    if (first < len) System.arraycopy(buf, 0, out, first, len - first);
    return out;
  }

  /** CONFIG SET repl-backlog-size: keeps the most recent bytes that fit. */
  public void resize(long configuredSize) {
    long newSize = effectiveSize(configuredSize);
    if (newSize == size) return;
    long keep = Math.min(histlen, newSize);
    byte[] recent = copyFrom(firstByteOffset + histlen - keep);
    size = newSize;
    buf = new byte[(int) Math.max(keep, Math.min(newSize, INITIAL_CAPACITY))];
    System.arraycopy(recent, 0, buf, 0, recent.length);
    head = 0;
    firstByteOffset = firstByteOffset + histlen - keep;
    histlen = keep;
  }

  /**
   * A restarted master continues counting from its stored offset: the bytes already held
   * (written while loading) move up by {@code delta}.
   */
  public void rebase(long delta) {
    firstByteOffset += delta;
  }

  private void ensureCapacity(long needed) {
    if (needed <= buf.length) return;
    long grown = Math.min(size, Math.max(needed, 2L * buf.length));
    byte[] next = new byte[(int) grown];
    int cap = buf.length;
    int first = (int) Math.min(histlen, cap - head);
    System.arraycopy(buf, head, next, 0, first);
    if (first < histlen) System.arraycopy(buf, 0, next, first, (int) (histlen - first));
    buf = next;
    head = 0;
  }
}
