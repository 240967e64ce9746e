package io.kvstore.core.replication;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The PSYNC2 identity of a node's replication history: {@code replid}, {@code replid2},
 * {@code second_replid_offset} and {@code master_repl_offset}.
 *
 * <p>Rules (Redis 7.0 {@code replication.c}):
 * <ul>
 *   <li>{@code replid} names the history this node serves; {@code master_repl_offset} is the
 *       number of stream bytes in it (it only advances while a backlog exists).
 *   <li>{@code replid2} is the previous history, valid up to {@code second_replid_offset}: a
 *       PSYNC naming it may continue only with an offset at or below that bound. Cleared, it is
 *       forty {@code '0'} and the offset is -1.
 *   <li>Promotion ({@link #shiftOnPromotion()}): replid2 = old replid, second offset =
 *       master_repl_offset + 1 (the first byte the old history's replicas have not seen), and a
 *       new random replid.
 *   <li>After a full sync ({@link #adoptMaster}) the replica takes the master's id and the
 *       FULLRESYNC offset and clears replid2: a new history starts.
 *   <li>A {@code +CONTINUE <id>} with a different id ({@link #onContinue}) shifts like a
 *       promotion but keeps the master's new id instead of a random one.
 * </ul>
 * The five values are persisted atomically with the data under {@link #META_KEYS}, so a
 * restarted node can PSYNC ({@link #restartAsReplica}) or let its replicas continue
 * ({@link #restartAsMaster}).
 */
public final class ReplicationIds {
  public static final int ID_LENGTH = 40;
  public static final String CLEARED_ID = "0".repeat(ID_LENGTH);

  public static final String META_REPL_ID = "repl-id";
  public static final String META_REPL_ID2 = "repl-id2";
  public static final String META_SECOND_OFFSET = "repl-second-offset";
  public static final String META_OFFSET = "repl-offset";
  public static final String META_STREAM_DB = "repl-stream-db";
  public static final String[] META_KEYS =
      {META_REPL_ID, META_REPL_ID2, META_SECOND_OFFSET, META_OFFSET, META_STREAM_DB};

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final RandomGenerator random;
  private String replid;
  private String replid2 = CLEARED_ID;
  private long secondReplOffset = -1;
  private long masterReplOffset;

  /** A fresh node: a new random replid, no second id, offset 0. */
  public ReplicationIds(RandomGenerator random) {
    this.random = random;
    this.replid = randomId(random);
  }

  /** Forty lowercase hex characters, as Redis's getRandomHexChars. */
  public static String randomId(RandomGenerator random) {
    char[] c = new char[ID_LENGTH];
    for (int i = 0; i < ID_LENGTH; i++) c[i] = HEX[random.nextInt(16)];
    return new String(c);
  }

  public String replid() { return replid; }
  public String replid2() { return replid2; }
  public long secondReplOffset() { return secondReplOffset; }
  public long masterReplOffset() { return masterReplOffset; }

  /** Advances the offset by stream bytes just appended to the backlog. */
  public void advance(long bytes) {
    if (bytes < 0) throw new IllegalArgumentException("negative advance " + bytes);
    masterReplOffset += bytes;
  }

  /** A new random replid (backlog created or freed: a history nobody else shares). */
  public void changeReplicationId() {
    replid = randomId(random);
  }

  public void clearReplicationId2() {
    replid2 = CLEARED_ID;
    secondReplOffset = -1;
  }

  /** REPLICAOF NO ONE: the inherited history stays valid as replid2 up to offset + 1. */
  public void shiftOnPromotion() {
    replid2 = replid;
    secondReplOffset = masterReplOffset + 1;
    changeReplicationId();
  }

  /** After loading a full sync: the master's id and the FULLRESYNC offset; no second id. */
  public void adoptMaster(String masterReplid, long offset) {
    replid = masterReplid;
    masterReplOffset = offset;
    clearReplicationId2();
  }

  /**
   * {@code +CONTINUE <newId>}: when the master's id differs from ours (it was promoted), our id
   * becomes replid2 valid up to offset + 1 and the new id becomes ours, so our own sub-replicas
   * can still continue. Returns true when the ids shifted (sub-replicas must then be
   * disconnected so they learn the new id).
   */
  public boolean onContinue(String newId) {
    if (newId == null || newId.equals(replid)) return false;
    replid2 = replid;
    secondReplOffset = masterReplOffset + 1;
    replid = newId;
    return true;
  }

  /** The persisted form, values as ASCII text (write each with {@code store.putMeta}). */
  public Map<String, byte[]> toMeta(int streamDb) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put(META_REPL_ID, ascii(replid));
    m.put(META_REPL_ID2, ascii(replid2));
    m.put(META_SECOND_OFFSET, ascii(Long.toString(secondReplOffset)));
    m.put(META_OFFSET, ascii(Long.toString(masterReplOffset)));
    m.put(META_STREAM_DB, ascii(Integer.toString(streamDb)));
    return m;
  }

  /** What {@link #toMeta} wrote, or null when nothing (or something invalid) was stored. */
  public record Meta(String replid, String replid2, long secondReplOffset, long offset, int streamDb) {
    public static Meta parse(Map<String, byte[]> meta) {
      return read(meta::get);
    }

    /** Reads the values through a getter such as {@code store::getMeta}. */
    public static Meta read(Function<String, byte[]> meta) {
      try {
        String id = text(meta, META_REPL_ID);
        String id2 = text(meta, META_REPL_ID2);
        String second = text(meta, META_SECOND_OFFSET);
        String off = text(meta, META_OFFSET);
        String db = text(meta, META_STREAM_DB);
        if (id == null || off == null || id.length() != ID_LENGTH) return null;
        return new Meta(id, id2 == null || id2.length() != ID_LENGTH ? CLEARED_ID : id2,
            second == null ? -1 : Long.parseLong(second), Long.parseLong(off),
            db == null ? -1 : Integer.parseInt(db));
      } catch (NumberFormatException e) {
        return null;
      }
    }

    private static String text(Function<String, byte[]> meta, String key) {
      byte[] v = meta.apply(key);
      return v == null ? null : new String(v, StandardCharsets.US_ASCII);
    }
  }

  /** Exactly the persisted values (a process that keeps its identity). */
  public void restore(Meta meta) {
    replid = meta.replid();
    replid2 = meta.replid2();
    secondReplOffset = meta.secondReplOffset();
    masterReplOffset = meta.offset();
  }

  /**
   * Redis 7.0 restarting as a replica with valid stored replication info (id, offset and a
   * stream db other than -1): it takes the stored id and offset, and PSYNCs with them.
   * Returns false (nothing changed) when the info is not usable.
   */
  public boolean restartAsReplica(Meta meta) {
    if (!usable(meta)) return false;
    replid = meta.replid();
    masterReplOffset = meta.offset();
    return true;
  }

  /**
   * Redis 7.0 restarting as a master with valid stored info: it keeps its new random replid,
   * serves the stored id as replid2 up to stored offset + 1, and continues counting from the
   * stored offset, so its old replicas can continue partially.
   */
  public boolean restartAsMaster(Meta meta) {
    if (!usable(meta)) return false;
    replid2 = meta.replid();
    secondReplOffset = meta.offset() + 1;
    masterReplOffset += meta.offset();
    return true;
  }

  private static boolean usable(Meta meta) {
    return meta != null && meta.offset() != -1 && meta.streamDb() != -1;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public String toString() {
    return "replid=" + replid + " replid2=" + replid2 + " second=" + secondReplOffset
        + " offset=" + masterReplOffset;
  }
}
