package io.kvstore.replication;

import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.replication.ReplicaOffsets;
import io.kvstore.core.reply.Reply;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * The master as a client of this replica (Redis's {@code server.master}): a session of kind
 * MASTER (past READONLY, MASTERDOWN and min-replicas, seeing logically expired keys) that runs
 * the stream's commands through the engine, and the two offsets of {@link ReplicaOffsets}.
 *
 * <p>A command's bytes count as applied once it has run; inside MULTI nothing counts until EXEC,
 * then the whole transaction does, as Redis advances {@code reploff} only outside a transaction.
 * What counted is returned by {@link #apply} to be forwarded unchanged.
 */
final class MasterClient {
  private final Replication r;
  final ClientSession session;
  final ReplicaOffsets offsets;
  private final StreamParser parser;
  private final ByteArrayOutputStream txn = new ByteArrayOutputStream();
  private String lastCommand = "";
  private boolean closed;
  long lastInteractionMs;

  MasterClient(Replication r, MasterLink link, int db, long offset, long now) {
    this.r = r;
    this.offsets = new ReplicaOffsets(offset);
    this.parser = new StreamParser(r.node().config().getLong("proto-max-bulk-len"));
    this.session = r.engine().open(new MasterConnection(r, link));
    session.setKind(ClientSession.Kind.MASTER);
    session.setAuthenticated(true);
    session.select(db);
    this.lastInteractionMs = now;
  }

  /**
   * Runs the complete commands in {@code bytes} (with what was pending); returns the bytes that
   * now count as applied. Throws {@link IllegalStateException} on a protocol error.
   */
  byte[] apply(byte[] bytes, long now) {
    offsets.onReceived(bytes.length);
    lastInteractionMs = now;
    List<StreamParser.Command> cmds = parser.feed(bytes);
    ByteArrayOutputStream applied = new ByteArrayOutputStream(bytes.length);
    for (StreamParser.Command c : cmds) {
      if (closed) break; // something that ran dropped the link
      if (c.argv().length > 0) {
        lastCommand = c.name();
        Reply reply = r.engine().execute(session, c.argv());
        if (reply instanceof Reply.Error e) criticalError(e.text());
      }
      txn.write(c.raw(), 0, c.raw().length);
      if (session.inMulti()) continue; // a transaction counts at its EXEC
      offsets.onApplied(txn.size());
      applied.write(txn.toByteArray(), 0, txn.size());
      txn.reset();
    }
    return applied.toByteArray();
  }

  /** An error the master's command produced here: the replica has diverged (Redis's log line). */
  void criticalError(String error) {
    r.log().warning("== CRITICAL == This replica is sending an error to its master: '" + error
        + "' after processing the command '" + lastCommand + "'");
  }

  int db() {
    return session.db();
  }

  void close() {
    if (closed) return;
    closed = true;
    r.engine().close(session);
  }
}
