package io.kvstore.replication;

import io.kvstore.core.engine.Clock;
import io.kvstore.persistence.rdb.RdbAux;
import io.kvstore.persistence.rdb.RdbWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Sends one full resync's snapshot to one replica, on a thread of its own, while the engine
 * keeps serving writes (which are held for this replica meanwhile and sent after).
 *
 * <p>The snapshot was taken on the engine thread at the {@code +FULLRESYNC} offset; here it is
 * turned into an RDB written straight into the replica's connection, which blocks this thread
 * while the replica reads slowly. Two framings, as Redis 7.0:
 * <ul>
 *   <li>diskless ({@code capa eof} and {@code repl-diskless-sync yes}):
 *       {@code $EOF:<40 random chars>\r\n}, the RDB, the same 40 chars; nothing else is sent until
 *       the replica's first ACK;
 *   <li>disk form: {@code $<len>\r\n} then exactly len RDB bytes. kvstore writes no file: the
 *       snapshot is immutable and the writer deterministic, so a first pass only counts the
 *       bytes, and a {@code \n} keepalive goes out once a second meanwhile, as Redis sends
 *       while its BGSAVE runs.
 * </ul>
 */
final class FullSyncTransfer implements Runnable {

  /** What the engine learns about the transfer (each posted to the engine thread by the owner). */
  interface Listener {
    /** Disk form: the length is known and the header is about to be written. */
    void sendingBulk();

    void done(long rdbBytes);

    void failed(Exception e);
  }

  private final Datasets.Snapshot snapshot;
  private final RdbAux aux;
  private final OutputStream out;
  private final String eofMark; // null for the disk form
  private final Clock clock;
  private final Listener listener;

  FullSyncTransfer(Datasets.Snapshot snapshot, RdbAux aux, OutputStream out, String eofMark,
      Clock clock, Listener listener) {
    this.snapshot = snapshot;
    this.aux = aux;
    this.out = out;
    this.eofMark = eofMark;
    this.clock = clock;
    this.listener = listener;
  }

  @Override
  public void run() {
    long bytes;
    try {
      try (Datasets.Snapshot s = snapshot) {
        if (eofMark != null) {
          out.write(ascii("$EOF:" + eofMark + "\r\n"));
          bytes = RdbWriter.write(out, aux, s.source());
          out.write(ascii(eofMark));
        } else {
          long len = RdbWriter.write(new Keepalive(), aux, s.source());
          listener.sendingBulk();
          out.write(ascii("$" + len + "\r\n"));
          bytes = RdbWriter.write(out, aux, s.source());
          if (bytes != len) throw new IOException("the snapshot changed while it was sent");
        }
        out.flush();
      }
    } catch (IOException | RuntimeException e) {
      listener.failed(e);
      return;
    }
    listener.done(bytes);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Counts the first pass's bytes; sends a newline to the replica once a second meanwhile. */
  private final class Keepalive extends OutputStream {
    private long lastMs = clock.millis();
    private long sinceCheck;

    @Override
    public void write(int b) throws IOException {
      tick(1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      tick(len);
    }

    private void tick(int n) throws IOException {
      sinceCheck += n;
      if (sinceCheck < 64 * 1024) return;
      sinceCheck = 0;
      long now = clock.millis();
      if (now - lastMs >= 1000) {
        lastMs = now;
        out.write('\n');
        out.flush();
      }
    }
  }
}
