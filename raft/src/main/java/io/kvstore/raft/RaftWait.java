package io.kvstore.raft;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.engine.EngineLoop;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.Reply;
import java.util.concurrent.TimeUnit;

/**
 * WAIT numreplicas timeout, raft meaning: the number of other members known to hold this
 * connection's last acknowledged write in their log (on the leader: followers whose match index
 * reached the write's log index; on a follower: members whose last reported commit index did).
 * As in Redis it answers at once when enough members have it (or the connection wrote nothing:
 * then every other member counts), otherwise when the timeout (ms, 0 = forever) ends with the
 * count reached so far; inside MULTI it never blocks. An acknowledged write is already on a
 * majority, so WAIT only matters for asking for more than that.
 */
final class RaftWait implements Command {
  private static final long POLL_MS = 5;

  private final RaftNode raft;

  RaftWait(RaftNode raft) {
    this.raft = raft;
  }

  @Override
  public Reply execute(Ctx ctx, Args args) {
    long wanted = args.longArg(1);
    long timeout = args.longArg(2, Errors.TIMEOUT_NOT_INTEGER);
    if (timeout < 0) return Reply.error(Errors.TIMEOUT_NEGATIVE);
    ClientSession s = ctx.session();
    long index = RaftBackend.state(s).lastWriteIndex;
    int acked = raft.replicasHaving(index);
    if (acked >= wanted || s.inMulti()) return Reply.integer(acked);
    s.setBlocked(true);
    long deadline = timeout == 0 ? Long.MAX_VALUE
        : ctx.node().clock().nanos() + TimeUnit.MILLISECONDS.toNanos(timeout);
    poll(s, index, wanted, deadline);
    return Reply.NONE;
  }

  private void poll(ClientSession s, long index, long wanted, long deadline) {
    EngineLoop loop = raft.loop();
    raft.timer().schedule(() -> loop.execute(() -> {
      int acked = raft.replicasHaving(index);
      if (acked >= wanted || s.killed() || raft.node().clock().nanos() >= deadline) {
        loop.unblock(s, Reply.integer(acked));
      } else {
        poll(s, index, wanted, deadline);
      }
    }), POLL_MS, TimeUnit.MILLISECONDS);
  }
}
