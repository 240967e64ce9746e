package io.kvstore.replication;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;

/**
 * Hands the snapshot bytes a replica receives on its event loop to the thread that loads them,
 * as an {@link InputStream}. The event loop never blocks: it {@link #offer}s chunks and asks
 * {@link #full()} to pause reading from the master while too much is queued; the loader calls
 * {@code onDrained} (to resume reading) when the queue falls back under half. {@link #finish}
 * marks the end of the payload, {@link #fail} makes the reader fail (link lost, load aborted).
 */
final class SyncPipe extends InputStream {
  private final long highWater;
  private final Runnable onDrained;
  private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
  private byte[] current;
  private int pos;
  private long queued;
  private boolean eof;
  private String failure;
  private boolean pausedFull;

  SyncPipe(long highWater, Runnable onDrained) {
    this.highWater = highWater;
    this.onDrained = onDrained;
  }

  /** Event loop: more payload. Returns true when the producer should pause reading. */
  synchronized boolean offer(byte[] data) {
    if (data.length == 0 || eof || failure != null) return false;
    chunks.add(data);
    queued += data.length;
    notifyAll();
    if (queued >= highWater) pausedFull = true;
    return pausedFull;
  }

  synchronized boolean full() {
    return pausedFull;
  }

  /** Event loop: the payload is complete. */
  synchronized void finish() {
    eof = true;
    notifyAll();
  }

  /** Any thread: the reader fails with {@code reason} at its next read. */
  synchronized void fail(String reason) {
    if (failure == null) failure = reason;
    chunks.clear();
    queued = 0;
    notifyAll();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) return 0;
    boolean drained = false;
    int n;
    synchronized (this) {
      while (true) {
        if (failure != null) throw new IOException(failure);
        if (current != null && pos < current.length) break;
        current = chunks.poll();
        pos = 0;
        if (current != null) continue;
        if (eof) return -1;
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while loading", e);
        }
      }
      n = Math.min(len, current.length - pos);
      System.arraycopy(current, pos, b, off, n);
      pos += n;
      queued -= n;
      if (pausedFull && queued < highWater / 2) {
        pausedFull = false;
        drained = true;
      }
    }
    if (drained) onDrained.run();
    return n;
  }
}
