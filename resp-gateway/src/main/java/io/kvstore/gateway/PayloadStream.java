package io.kvstore.gateway;

import io.kvstore.core.engine.Stats;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A blocking output stream onto a channel, for a thread other than the event loop that produces
 * a large payload (a full resync's RDB): bytes are gathered into chunks, and before each chunk
 * is written the writer waits while the channel is not writable, so memory stays bounded by the
 * channel's high water mark plus one chunk however slow the peer reads. Netty keeps the order of
 * writes made by one thread, and everything the event loop flushed before the stream was opened
 * goes first. Writing to a closed channel fails with an {@link IOException}.
 */
final class PayloadStream extends OutputStream {
  private static final int CHUNK = 64 * 1024;
  private static final long WAIT_SLICE_MS = 100;

  private final Channel channel;
  private final Stats stats;
  private final Object monitor = new Object();
  private byte[] buf = new byte[CHUNK];
  private int len;
  private boolean closed;

  PayloadStream(Channel channel, Stats stats) {
    this.channel = channel;
    this.stats = stats;
  }

  /** The channel's writability or activity changed (event loop). */
  void wakeUp() {
    synchronized (monitor) {
      monitor.notifyAll();
    }
  }

  @Override
  public void write(int b) throws IOException {
    if (len == buf.length) drain();
    buf[len++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int n) throws IOException {
    while (n > 0) {
      if (len == buf.length) drain();
      int k = Math.min(n, buf.length - len);
      System.arraycopy(b, off, buf, len, k);
      len += k;
      off += k;
      n -= k;
    }
  }

  @Override
  public void flush() throws IOException {
    if (len > 0) drain();
  }

  @Override
  public void close() throws IOException {
    if (closed) return;
    closed = true;
    flush();
  }

  private void drain() throws IOException {
    awaitWritable();
    byte[] chunk = buf;
    int n = len;
    buf = new byte[CHUNK];
    len = 0;
    stats.netOutputBytes.add(n);
    channel.writeAndFlush(Unpooled.wrappedBuffer(chunk, 0, n), channel.voidPromise());
  }

  private void awaitWritable() throws IOException {
    synchronized (monitor) {
      while (channel.isActive() && !channel.isWritable()) {
        try {
          monitor.wait(WAIT_SLICE_MS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while sending to " + channel.remoteAddress(), e);
        }
      }
    }
    if (!channel.isActive()) throw new IOException("connection closed by the peer");
  }
}
