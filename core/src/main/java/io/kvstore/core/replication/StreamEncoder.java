package io.kvstore.core.replication;

import io.kvstore.core.engine.Effect;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns write effects into the exact replication stream bytes (Redis 7.0
 * {@code replicationFeedSlaves}). These bytes, and only these, are appended to the backlog, sent
 * to every replica and counted in offsets.
 *
 * <ul>
 *   <li>Each effect is a RESP array of bulk strings ({@code *<n>\r\n$<len>\r\n<arg>\r\n...}).
 *   <li>The encoder remembers the stream's selected db ({@code slaveseldb}); an effect in another
 *       db is preceded by {@code SELECT <db>}. {@link #reset()} forgets it (full sync started,
 *       promotion) so the next effect always carries a SELECT. The engine already wraps a
 *       multi-effect write in MULTI/EXEC with MULTI in the first effect's db, so SELECT lands
 *       before MULTI, and SELECTs between a transaction's commands stay inside it.
 *   <li>PING ({@code *1\r\n$4\r\nping\r\n}, lowercase) and {@code REPLCONF GETACK *} (37 bytes)
 *       are fed in the current stream db: they never emit SELECT, and may precede the first one.
 *   <li>{@link #cronPing} is replicationCron's PING: once every {@code repl-ping-replica-period}
 *       cron loops (one loop a second, starting with the first), only while replicas exist.
 *   <li>Only a top-level master encodes: a replica forwards the bytes it applied from its own
 *       master, unchanged, so ids and offsets stay identical down a chain.
 * </ul>
 */
public final class StreamEncoder {
  public static final byte[] PING = ascii("*1\r\n$4\r\nping\r\n");
  public static final byte[] GETACK = ascii("*3\r\n$8\r\nREPLCONF\r\n$6\r\nGETACK\r\n$1\r\n*\r\n");
  private static final byte[] NOTHING = new byte[0];

  private int selectedDb = -1;
  private long cronLoops;

  /** The db the stream has selected, -1 when the next effect must SELECT. */
  public int selectedDb() { return selectedDb; }

  /** Forces a SELECT before the next effect (slaveseldb = -1). */
  public void reset() {
    selectedDb = -1;
  }

  /** The stream bytes of one write's effects (SELECTs included as needed). */
  public byte[] encode(List<Effect> effects) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    for (Effect e : effects) encode(e, out);
    return out.toByteArray();
  }

  public byte[] encode(Effect effect) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    encode(effect, out);
    return out.toByteArray();
  }

  private void encode(Effect e, ByteArrayOutputStream out) {
    if (e.db() >= 0 && e.db() != selectedDb) {
      writeArray(out, new byte[][] {ascii("SELECT"), ascii(Integer.toString(e.db()))});
      selectedDb = e.db();
    }
    writeArray(out, e.argv());
  }

  /** The periodic PING, in the current stream db. */
  public byte[] ping() {
    return PING.clone();
  }

  /** {@code REPLCONF GETACK *}, in the current stream db. */
  public byte[] getAck() {
    return GETACK.clone();
  }

  /**
   * One replicationCron loop: the PING bytes when this loop is a ping loop, the node is a
   * top-level master and replicas are attached, else nothing. Call once a second on every node
   * (the loop count runs regardless of role).
   */
  public byte[] cronPing(boolean topLevelMaster, int replicaCount, int pingPeriodSeconds) {
    long loop = cronLoops++;
    if (!topLevelMaster || replicaCount == 0 || pingPeriodSeconds <= 0
        || loop % pingPeriodSeconds != 0) {
      return NOTHING;
    }
    return ping();
  }

  /** RESP array of bulk strings, the encoding of every command in the stream. */
  public static byte[] array(byte[]... argv) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    writeArray(out, argv);
    return out.toByteArray();
  }

  private static void writeArray(ByteArrayOutputStream out, byte[][] argv) {
    out.write('*');
    out.writeBytes(ascii(Integer.toString(argv.length)));
    out.write('\r');
    out.write('\n');
    for (byte[] a : argv) {
      out.write('$');
      out.writeBytes(ascii(Integer.toString(a.length)));
      out.write('\r');
      out.write('\n');
      out.writeBytes(a);
      out.write('\r');
      out.write('\n');
    }
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
