package io.kvstore.core.replication;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The replica's reading of the snapshot that follows {@code +FULLRESYNC} (Redis 7.0
 * {@code readSyncBulkPayload}), fed fragment by fragment as bytes arrive.
 *
 * <p>First a header line: blank lines ({@code \n} keepalives sent while the master prepares) are
 * skipped; a line starting with {@code -} is the master aborting; anything but {@code $} is a
 * protocol error. Then one of two framings:
 * <ul>
 *   <li>disk form {@code $<len>\r\n}: exactly len payload bytes, no trailing CRLF;
 *   <li>diskless form {@code $EOF:<40 chars>\r\n}: payload until the same 40 chars appear as the
 *       last bytes received. Payload is passed on as it arrives except for a possible partial
 *       mark at the end, held back until the next bytes confirm or refute it (a KMP match over
 *       the mark, so each byte is looked at once), so the mark never reaches the payload.
 * </ul>
 * The command stream starts at the byte right after the payload; bytes of it already received
 * come back as {@link Result#rest()}.
 */
public final class BulkPayloadParser {
  private static final int MAX_HEADER = 1024;
  private static final int MARK_LENGTH = ReplicationIds.ID_LENGTH;

  /**
   * What one {@link #feed} produced: payload bytes (possibly empty), and once {@code done}, the
   * stream bytes that followed. {@code error} is set (and the link must be dropped) on a bad
   * header or an abort.
   */
  public record Result(byte[] payload, boolean done, byte[] rest, String error) {}

  private enum Phase { HEADER, SIZED, MARKED, DONE, FAILED }

  private Phase phase = Phase.HEADER;
  private final ByteArrayOutputStream header = new ByteArrayOutputStream();
  private long transferSize = -1;
  private long transferRead;
  private long left;
  private byte[] mark;
  private int[] failure;
  private int matched;

  /** repl_transfer_size: -1 before the header, 0 in EOF form, else the announced length. */
  public long transferSize() { return transferSize; }

  /** repl_transfer_read: payload bytes received so far (the EOF mark included). */
  public long transferRead() { return transferRead; }

  public boolean done() { return phase == Phase.DONE; }

  /** True when the diskless (EOF-mark) form is in use. */
  public boolean eofForm() { return mark != null; }

  public Result feed(byte[] data) {
    return feed(data, 0, data.length);
  }

  public Result feed(byte[] data, int off, int len) {
    if (phase == Phase.DONE || phase == Phase.FAILED) {
      throw new IllegalStateException("payload already " + phase);
    }
    ByteArrayOutputStream payload = new ByteArrayOutputStream(Math.min(len, 1 << 16));
    int i = off;
    int end = off + len;
    while (i < end && phase == Phase.HEADER) {
      byte c = data[i++];
      if (c != '\n') {
        if (header.size() >= MAX_HEADER) return failed(payload, "Bad protocol from MASTER: header too long");
        header.write(c);
        continue;
      }
      String err = onHeaderLine();
      if (err != null) return failed(payload, err);
    }
    if (phase == Phase.SIZED) {
      int n = (int) Math.min(left, end - i);
      payload.write(data, i, n);
      i += n;
      left -= n;
      transferRead += n;
      if (left == 0) phase = Phase.DONE;
    } else if (phase == Phase.MARKED) {
      i = scanMarked(data, i, end, payload);
    }
    byte[] rest = new byte[0];
    if (phase == Phase.DONE) {
      rest = new byte[end - i];
      System.arraycopy(data, i, rest, 0, rest.length);
    }
    return new Result(payload.toByteArray(), phase == Phase.DONE, rest, null);
  }

  /** Returns an error text, or null. */
  private String onHeaderLine() {
    byte[] raw = header.toByteArray();
    header.reset();
    int n = raw.length;
    if (n > 0 && raw[n - 1] == '\r') n--;
    String line = new String(raw, 0, n, StandardCharsets.ISO_8859_1);
    if (line.isEmpty()) return null; // keepalive
    if (line.charAt(0) == '-') return "MASTER aborted replication with an error: " + line.substring(1);
    if (line.charAt(0) != '$') {
      return "Bad protocol from MASTER, the first byte is not '$' (we received '" + line
          + "'), are you sure the host and port are right?";
    }
    if (line.startsWith("$EOF:") && line.length() - 5 >= MARK_LENGTH) {
      mark = line.substring(5, 5 + MARK_LENGTH).getBytes(StandardCharsets.ISO_8859_1);
      failure = failureTable(mark);
      transferSize = 0;
      phase = Phase.MARKED;
    } else {
      transferSize = ReplicaHandshake.strtoll(line.substring(1));
      left = Math.max(0, transferSize);
      phase = left == 0 ? Phase.DONE : Phase.SIZED;
    }
    return null;
  }

  /** KMP over the mark; bytes that can no longer start the mark are payload. */
  private int scanMarked(byte[] data, int i, int end, ByteArrayOutputStream payload) {
    byte first = mark[0];
    while (i < end) {
      if (matched == 0) { // fast path: nothing held back, copy up to the next candidate
        int run = i;
        while (i < end && data[i] != first) i++;
        payload.write(data, run, i - run);
        transferRead += i - run;
        if (i == end) break;
      }
      byte c = data[i++];
      transferRead++;
      int m = matched;
      while (m > 0 && mark[m] != c) m = failure[m - 1];
      if (mark[m] == c) m++;
      // held back were `matched` bytes equal to mark[0..matched); with c, m of them stay held
      int released = matched + 1 - m;
      if (released > 0) {
        payload.write(mark, 0, Math.min(released, matched));
        if (released > matched) payload.write(c);
      }
      matched = m;
      if (matched == MARK_LENGTH) {
        phase = Phase.DONE;
        break;
      }
    }
    return i;
  }

  private static int[] failureTable(byte[] p) {
    int[] f = new int[p.length];
    int k = 0;
    for (int q = 1; q < p.length; q++) {
      while (k > 0 && p[k] != p[q]) k = f[k - 1];
      if (p[k] == p[q]) k++;
      f[q] = k;
    }
    return f;
  }

  private Result failed(ByteArrayOutputStream payload, String error) {
    phase = Phase.FAILED;
    return new Result(payload.toByteArray(), false, new byte[0], error);
  }
}
