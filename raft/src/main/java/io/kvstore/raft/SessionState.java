package io.kvstore.raft;

import io.kvstore.core.reply.Reply;
import java.util.ArrayDeque;

/**
 * A client session's raft-mode state: its proposed writes whose replies are still owed (in
 * order), whether the backend holds the session's further commands back, and the log index of
 * its last acknowledged write (for WAIT). Engine thread only.
 *
 * <p>Plain writes pipeline: each is proposed as it arrives and their replies go out in arrival
 * order. Anything else (a read, MULTI, PING...) waits until the writes before it were answered,
 * so it sees them and its reply comes after theirs. A proposed transaction blocks everything
 * behind it, because a SELECT inside it changes the session's database.
 */
final class SessionState {
  /** One owed reply. */
  static final class Pending {
    final boolean transaction;
    Reply reply;

    Pending(boolean transaction) {
      this.transaction = transaction;
    }
  }

  final ArrayDeque<Pending> pending = new ArrayDeque<>();
  int transactionsPending;
  boolean holding;
  long lastWriteIndex;
}
