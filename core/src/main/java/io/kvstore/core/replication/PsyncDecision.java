package io.kvstore.core.replication;

import io.kvstore.core.command.Args;
import io.kvstore.core.engine.Stats;
import io.kvstore.core.reply.Errors;
import java.nio.charset.StandardCharsets;

/**
 * The master's answer to {@code PSYNC <replid> <offset>} (Redis 7.0
 * {@code masterTryPartialResynchronization}).
 *
 * <p>A partial resync is accepted iff
 * <ol>
 *   <li>the id is ours, or it is our replid2 and {@code offset <= second_replid_offset}
 *       (ids compare case-insensitively, as strcasecmp), and
 *   <li>a backlog exists and holds the offset:
 *       {@code backlog_first_byte <= offset <= backlog_first_byte + histlen}, that is at most
 *       {@code master_repl_offset + 1}. There is no command-boundary check.
 * </ol>
 * Then the reply is {@code +CONTINUE <replid>} to a replica that announced {@code capa psync2}
 * (plain {@code +CONTINUE} otherwise) followed at once by the backlog from the offset.
 * Otherwise the replica gets a full resync, whose {@code +FULLRESYNC <replid> <offset>} line is
 * written later, when the snapshot's offset is known ({@link #fullResyncLine}).
 *
 * <p>Accounting: a continue counts {@code sync_partial_ok}; a full resync counts
 * {@code sync_full}, plus {@code sync_partial_err} unless the replica forced it with an id
 * starting with {@code ?} ({@code PSYNC ? -1}). A non-integer offset is answered with an error
 * and counts nothing.
 */
public sealed interface PsyncDecision {

  /** Partial resync: write {@code replyLine} then {@code backlogBytes}; the replica is online. */
  record Continue(String replyLine, byte[] backlogBytes, long offset) implements PsyncDecision {}

  /** Full resync; {@code reason} is the log text, {@code partialRefused} feeds sync_partial_err. */
  record FullResync(String reason, boolean partialRefused) implements PsyncDecision {}

  /** The request was malformed: answer with this error, count nothing. */
  record Invalid(String error) implements PsyncDecision {}

  /**
   * Decides a PSYNC. {@code replicaName} only appears in log texts ({@code ip:port});
   * {@code backlog} is null when the master has none.
   */
  static PsyncDecision decide(ReplicationIds ids, Backlog backlog, String replid, String offsetArg,
      boolean capaPsync2, String replicaName) {
    Long parsed = Args.tryParseLong(offsetArg.getBytes(StandardCharsets.UTF_8));
    if (parsed == null) return new Invalid(Errors.NOT_INTEGER);
    long offset = parsed;
    boolean forced = replid.startsWith("?");
    boolean mine = replid.equalsIgnoreCase(ids.replid());
    boolean second = replid.equalsIgnoreCase(ids.replid2());
    if (!mine && (!second || offset > ids.secondReplOffset())) {
      String reason;
      if (forced) {
        reason = "Full resync requested by replica " + replicaName;
      } else if (!second) {
        reason = "Partial resynchronization not accepted: Replication ID mismatch (Replica asked for '"
            + replid + "', my replication IDs are '" + ids.replid() + "' and '" + ids.replid2() + "')";
      } else {
        reason = "Partial resynchronization not accepted: Requested offset for second ID was "
            + offset + ", but I can reply up to " + ids.secondReplOffset();
      }
      return new FullResync(reason, !forced);
    }
    if (backlog == null || !backlog.holds(offset)) {
      String reason = "Unable to partial resync with replica " + replicaName
          + " for lack of backlog (Replica request was: " + offset + ").";
      if (offset > ids.masterReplOffset()) {
        reason += " Warning: replica " + replicaName
            + " tried to PSYNC with an offset that is greater than the master replication offset.";
      }
      return new FullResync(reason, !forced);
    }
    String line = capaPsync2 ? "+CONTINUE " + ids.replid() + "\r\n" : "+CONTINUE\r\n";
    return new Continue(line, backlog.copyFrom(offset), offset);
  }

  /** The reply line of a full resync, sent when the snapshot starts. */
  static String fullResyncLine(String replid, long offset) {
    return "+FULLRESYNC " + replid + " " + offset + "\r\n";
  }

  /** Updates sync_full / sync_partial_ok / sync_partial_err as syncCommand does. */
  default void account(Stats stats) {
    if (this instanceof Continue) {
      stats.syncPartialOk++;
    } else if (this instanceof FullResync f) {
      if (f.partialRefused()) stats.syncPartialErr++;
      stats.syncFull++;
    }
  }

  /** The bytes to write at once (reply line then backlog) for a continue; empty otherwise. */
  default byte[] immediateBytes() {
    if (!(this instanceof Continue c)) return new byte[0];
    byte[] line = c.replyLine().getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[line.length + c.backlogBytes().length];
    System.arraycopy(line, 0, out, 0, line.length);
    System.arraycopy(c.backlogBytes(), 0, out, line.length, c.backlogBytes().length);
    return out;
  }
}
