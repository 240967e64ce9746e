package io.kvstore.core.engine;

import io.kvstore.core.command.CommandSpec;
import io.kvstore.core.reply.Reply;

/**
 * Where a client's command goes once the engine has checked it (lookup, arity, AUTH, gates,
 * pub/sub context, MULTI queueing): executed locally (standalone and async modes), or handed to
 * a replication backend such as the raft mode's, which proposes writes to its log and runs reads
 * after a consistency barrier, deciding by the command's flags.
 *
 * <p>A backend answering asynchronously blocks the session ({@link ClientSession#setBlocked})
 * and returns {@link Reply#NONE}; it later releases the session with
 * {@link EngineLoop#unblock}, so the session's pipelined commands keep their order. Called on
 * the engine thread only.
 */
public interface CommandBackend {

  /**
   * Asked first for every client command: true when the backend must hold it back to keep the
   * session's replies in order (it then blocked the session and put {@code argv} first in its
   * deferred commands); false to process it now.
   */
  default boolean hold(ClientSession s, byte[][] argv) {
    return false;
  }

  /**
   * Takes over a checked command: null to execute it locally, otherwise its reply
   * ({@link Reply#NONE} when it will be delivered later).
   */
  Reply route(ClientSession s, CommandSpec spec, byte[][] argv);

  /** Everything runs locally. */
  CommandBackend LOCAL = (s, spec, argv) -> null;
}
