package io.kvstore.core.cmd.tx;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.engine.CommandGate;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.Reply;
import java.util.ArrayList;
import java.util.List;

/**
 * EXEC: runs the queued commands atomically (the engine is single-threaded) and answers with
 * one reply per command; a runtime error is just that command's element.
 *
 * <p>Order of refusals, as in Redis 7.0: a queue-time error aborts with EXECABORT; otherwise a
 * watched key that was modified, or that was live at WATCH and has expired since, makes EXEC
 * answer a null array. The node's gates (READONLY, MASTERDOWN, NOREPLICAS, ...) are consulted
 * again for every queued command, because the node's role may have changed since queueing;
 * Redis then aborts with "EXECABORT Transaction discarded because of: &lt;error&gt;". Every
 * path ends the transaction and drops all watches (before running, so the transaction's own
 * writes do not dirty it).
 *
 * <p>Queued commands run through {@link Ctx#call}, sharing this command's effect list; the
 * session stays "in MULTI" while they run so blocking commands know not to block.
 */
public final class Exec implements Command {
  @Override
  public Reply execute(Ctx ctx, Args args) {
    ClientSession s = ctx.session();
    if (!s.inMulti()) return Reply.error(Errors.EXEC_WITHOUT_MULTI);
    boolean dirty = s.watchDirty() || watchedKeyExpired(ctx, s);
    if (s.multiError()) {
      discard(ctx, s);
      return Reply.error(Errors.EXECABORT);
    }
    if (dirty) {
      discard(ctx, s);
      return Reply.NULL_ARRAY;
    }
    List<ClientSession.Queued> queued = List.copyOf(s.queued());
    String gateError = gateError(ctx, s, queued);
    if (gateError != null) {
      discard(ctx, s);
      return Reply.error(Errors.execAbortBecause(gateError));
    }
    ctx.node().watches().unwatchAll(s);
    List<Reply> replies = new ArrayList<>(queued.size());
    try {
      for (ClientSession.Queued q : queued) {
        Reply r = ctx.call(q.spec(), q.argv());
        replies.add(r instanceof Reply.None ? Reply.NULL : r);
      }
    } finally {
      s.endMulti();
    }
    return Reply.array(replies);
  }

  private static boolean watchedKeyExpired(Ctx ctx, ClientSession s) {
    for (ClientSession.Watched w : s.watched()) {
      if (w.expiredAtWatch) continue;
      if (ctx.db(w.db).isWatchedKeyExpired(w.key)) return true;
    }
    return false;
  }

  private static String gateError(Ctx ctx, ClientSession s, List<ClientSession.Queued> queued) {
    List<CommandGate> gates = ctx.node().gates();
    if (gates.isEmpty()) return null;
    for (ClientSession.Queued q : queued) {
      for (CommandGate gate : gates) {
        String err = gate.check(s, q.spec(), q.argv());
        if (err != null) return err;
      }
    }
    return null;
  }

  private static void discard(Ctx ctx, ClientSession s) {
    s.endMulti();
    ctx.node().watches().unwatchAll(s);
  }
}
