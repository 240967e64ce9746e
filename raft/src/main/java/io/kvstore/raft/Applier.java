package io.kvstore.raft;

import io.kvstore.core.command.Ctx;
import io.kvstore.core.engine.ClientConnection;
import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.engine.Engine;
import io.kvstore.core.engine.Node;
import io.kvstore.core.keyspace.Keyspace;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.StoredValue;
import io.kvstore.proto.v1.RaftCommands;
import io.kvstore.proto.v1.RaftEntry;
import io.kvstore.proto.v1.RaftExpire;
import io.kvstore.proto.v1.RaftNodeInfo;
import io.kvstore.proto.v1.RaftWatchedKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Applies committed log entries to the node's keyspace, on the engine thread, deterministically:
 * every node runs the same entries in the same order through the same {@link Engine} at the
 * entry's timestamp ("raft time", never earlier than the previous entry's), in a fresh session
 * of the entry's database. While an entry applies, the node deletes expired keys it meets (as a
 * Redis master does), which is deterministic because the time is the entry's; outside apply it
 * never does, so reads never change the data. The entry's effects are ignored: Raft replicates
 * the commands themselves.
 *
 * <p>After each entry the applied term, index and time go into store metadata, in the same batch
 * as the entry's data ({@link AppliedState}).
 */
final class Applier {
  private static final byte[] MULTI = "MULTI".getBytes(StandardCharsets.UTF_8);
  private static final byte[] EXEC = "EXEC".getBytes(StandardCharsets.UTF_8);

  private final Engine engine;
  private final Node node;
  private final NodeDirectory directory;
  private AppliedState applied = AppliedState.NONE;
  private volatile long lastTimestamp;

  Applier(Engine engine, NodeDirectory directory) {
    this.engine = engine;
    this.node = engine.node();
    this.directory = directory;
  }

  /** Reads the applied state and node directory from the store (engine thread). */
  AppliedState load() {
    applied = AppliedState.decode(node.store().getMeta(AppliedState.META_KEY));
    lastTimestamp = applied.timestampMs();
    directory.load(node.store());
    return applied;
  }

  AppliedState applied() {
    return applied;
  }

  /** The raft time of the last applied entry (any thread). */
  long lastTimestamp() {
    return lastTimestamp;
  }

  /**
   * Applies one entry at {@code term}/{@code index}; the store is not committed here. Returns
   * the encoded reply ({@link ReplyCodec#encode}, or {@link ReplyCodec#encodeBatch} for a batch).
   */
  byte[] apply(RaftEntry entry, long term, long index) {
    long now = Math.max(entry.getTimestampMs(), applied.timestampMs());
    ReplyCodec.Result result = null;
    byte[] encoded = null;
    boolean deletes = node.deletesExpiredKeys();
    node.setDeletesExpiredKeys(true);
    try {
      switch (entry.getBodyCase()) {
        case COMMANDS:
          result = commands(entry.getCommands(), now);
          break;
        case BATCH:
          List<ReplyCodec.Result> results = new ArrayList<>(entry.getBatch().getCommandsCount());
          for (RaftCommands c : entry.getBatch().getCommandsList()) results.add(commands(c, now));
          encoded = ReplyCodec.encodeBatch(results);
          break;
        case EXPIRE:
          result = expire(entry.getExpire(), now);
          break;
        case BARRIER:
          result = new ReplyCodec.Result(0, Reply.OK);
          break;
        case NODE_INFO:
          RaftNodeInfo info = entry.getNodeInfo();
          directory.put(node.store(), info.getId(),
              new NodeDirectory.Addresses(info.getRespAddress(), info.getGrpcAddress()));
          result = new ReplyCodec.Result(0, Reply.OK);
          break;
        default:
          result = new ReplyCodec.Result(0, Reply.error(Errors.raftAdmin("unknown raft log entry")));
      }
    } finally {
      node.setDeletesExpiredKeys(deletes);
    }
    applied = new AppliedState(term, index, now);
    lastTimestamp = now;
    node.store().putMeta(AppliedState.META_KEY, applied.encode());
    return encoded != null ? encoded : ReplyCodec.encode(result);
  }

  private ReplyCodec.Result commands(RaftCommands c, long now) {
    ClientSession s = new ClientSession(0, ClientConnection.DISCARD, now, true);
    if (!validDb(c.getDb()) || c.getCommandsCount() == 0) {
      return new ReplyCodec.Result(0, Reply.error(Errors.DB_INDEX));
    }
    s.select(c.getDb());
    if (!c.getTransaction()) {
      Reply r = engine.executeAt(s, EntryCodec.argv(c.getCommands(0)), now);
      return new ReplyCodec.Result(s.db(), r);
    }
    for (RaftWatchedKey w : c.getWatchedList()) {
      StoredValue v = validDb(w.getDb()) ? node.store().get(w.getDb(), w.getKey().toByteArray()) : null;
      if (!Arrays.equals(Fingerprint.of(v, now), w.getFingerprint().toByteArray())) {
        return new ReplyCodec.Result(s.db(), Reply.NULL_ARRAY);
      }
    }
    engine.executeAt(s, new byte[][] {MULTI}, now);
    for (int i = 0; i < c.getCommandsCount(); i++) {
      engine.executeAt(s, EntryCodec.argv(c.getCommands(i)), now);
    }
    Reply r = engine.executeAt(s, new byte[][] {EXEC}, now);
    if (s.inMulti()) s.endMulti();
    return new ReplyCodec.Result(s.db(), r);
  }

  /** Deletes each listed key that is still expired at {@code now}; the reply counts them. */
  private ReplyCodec.Result expire(RaftExpire e, long now) {
    if (!validDb(e.getDb())) return new ReplyCodec.Result(0, Reply.ZERO);
    ClientSession s = new ClientSession(0, ClientConnection.DISCARD, now, true);
    Ctx ctx = new Ctx(node, s, now, new ArrayList<>(), (parent, spec, argv) -> {
      throw new UnsupportedOperationException("expiry runs no commands");
    });
    Keyspace keyspace = ctx.db(e.getDb());
    int deleted = 0;
    for (int i = 0; i < e.getKeysCount(); i++) {
      byte[] key = e.getKeys(i).toByteArray();
      StoredValue v = node.store().get(e.getDb(), key);
      if (v != null && v.isExpiredAt(now)) {
        keyspace.lookup(key); // deletes it: this node deletes expired keys while applying
        deleted++;
      }
    }
    return new ReplyCodec.Result(0, Reply.integer(deleted));
  }

  private boolean validDb(int db) {
    return db >= 0 && db < node.databases();
  }
}
