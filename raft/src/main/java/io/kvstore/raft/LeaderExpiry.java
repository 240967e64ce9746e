package io.kvstore.raft;

import io.kvstore.core.engine.EngineLoop;
import io.kvstore.core.engine.Node;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Active expiry in the raft mode: only the leader looks for expired keys (the store's expiry
 * index, earliest first) and deletes them by proposing an expiry entry through the log, so every
 * node deletes the same keys at the same point of the log (Jepsen's lesson: replicate expiry
 * deletions). Each key is deleted only if it is still expired at the entry's time. One batch is
 * in flight at a time; a full batch is followed by the next one at once. Followers never delete
 * on their own; they treat expired keys as missing on read. Engine thread (a node cron).
 */
final class LeaderExpiry implements LongConsumer {
  static final int BATCH = 128;

  private final RaftNode raft;
  private final EngineLoop loop;
  private final Node node;
  private boolean inFlight;
  private int nextDb;

  LeaderExpiry(RaftNode raft, EngineLoop loop) {
    this.raft = raft;
    this.loop = loop;
    this.node = loop.engine().node();
  }

  @Override
  public void accept(long nowMs) {
    if (inFlight || !raft.isLeaderReady()) return;
    long now = Math.max(nowMs, raft.applier().lastTimestamp());
    int dbs = node.databases();
    for (int i = 0; i < dbs; i++) {
      int db = (nextDb + i) % dbs;
      List<byte[]> keys = node.store().expiredKeys(db, now, BATCH);
      if (keys.isEmpty()) continue;
      nextDb = db;
      propose(db, keys);
      return;
    }
  }

  private void propose(int db, List<byte[]> keys) {
    inFlight = true;
    raft.proposer().send(EntryCodec.expire(db, keys)).whenComplete((r, t) -> loop.execute(() -> {
      inFlight = false;
      if (t == null && keys.size() == BATCH) accept(node.clock().millis());
    }));
  }
}
