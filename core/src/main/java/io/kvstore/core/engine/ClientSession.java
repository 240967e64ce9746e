package io.kvstore.core.engine;

import io.kvstore.core.command.CommandSpec;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.Bytes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Per-connection state the engine needs: selected db, protocol, auth, MULTI queue, WATCHed keys,
 * subscriptions, name, type. Touched only on the engine thread.
 */
public final class ClientSession {

  /** What kind of peer this is, as CLIENT LIST / CLIENT KILL TYPE see it. */
  public enum Kind { NORMAL, REPLICA, MASTER }

  /** A command queued between MULTI and EXEC. */
  public record Queued(CommandSpec spec, byte[][] argv) {}

  /** A WATCHed key and whether it was already logically expired when watched. */
  public static final class Watched {
    public final int db;
    public final Bytes key;
    public boolean expiredAtWatch;

    public Watched(int db, Bytes key, boolean expiredAtWatch) {
      this.db = db;
      this.key = key;
      this.expiredAtWatch = expiredAtWatch;
    }
  }

  private final long id;
  private final ClientConnection connection;
  private final long createdAtMs;
  private String name = "";
  private int db;
  private int resp = 2;
  private boolean authenticated;
  private String user = "default";
  private Kind kind = Kind.NORMAL;

  private List<Queued> multi; // null when not in MULTI
  private boolean multiError;
  private final List<Watched> watched = new ArrayList<>();
  private boolean watchDirty;

  private final Set<Bytes> channels = new LinkedHashSet<>();
  private final Set<Bytes> patterns = new LinkedHashSet<>();

  private boolean closeAfterReply;
  private boolean killed;
  private String lastCommand = "NULL";
  private long lastInteractionMs;
  private boolean blocked;
  private final Deque<byte[][]> deferred = new ArrayDeque<>();
  private Reply pendingBlockReply;
  private boolean staleReads;
  private Object backendState;

  public ClientSession(long id, ClientConnection connection, long createdAtMs, boolean authenticated) {
    this.id = id;
    this.connection = connection;
    this.createdAtMs = createdAtMs;
    this.lastInteractionMs = createdAtMs;
    this.authenticated = authenticated;
  }

  public long id() { return id; }
  public ClientConnection connection() { return connection; }
  public long createdAtMs() { return createdAtMs; }
  public String name() { return name; }
  public void setName(String n) { this.name = n; }
  public int db() { return db; }
  public void select(int db) { this.db = db; }
  public int resp() { return resp; }
  public void setResp(int v) { this.resp = v; }
  public boolean authenticated() { return authenticated; }
  public void setAuthenticated(boolean a) { this.authenticated = a; }
  public String user() { return user; }
  public void setUser(String u) { this.user = u; }
  public Kind kind() { return kind; }
  public void setKind(Kind k) { this.kind = k; }

  public boolean inMulti() { return multi != null; }
  public void beginMulti() { multi = new ArrayList<>(); multiError = false; }
  public void queue(CommandSpec spec, byte[][] argv) { multi.add(new Queued(spec, argv)); }
  public List<Queued> queued() { return multi; }
  public void flagMultiError() { if (multi != null) multiError = true; }
  public boolean multiError() { return multiError; }
  public void endMulti() { multi = null; multiError = false; }

  public List<Watched> watched() { return watched; }
  public boolean watchDirty() { return watchDirty; }
  public void markWatchDirty() { watchDirty = true; }
  public void clearWatchState() { watched.clear(); watchDirty = false; }

  public Set<Bytes> channels() { return channels; }
  public Set<Bytes> patterns() { return patterns; }
  public int subscriptionCount() { return channels.size() + patterns.size(); }

  public boolean closeAfterReply() { return closeAfterReply; }
  public void setCloseAfterReply() { closeAfterReply = true; }
  public boolean killed() { return killed; }
  public void kill() { killed = true; closeAfterReply = true; }

  public String lastCommand() { return lastCommand; }
  public void setLastCommand(String c) { lastCommand = c; }
  public long lastInteractionMs() { return lastInteractionMs; }
  public void touch(long nowMs) { lastInteractionMs = nowMs; }

  /** Blocked clients (WAIT...) hold their further pipelined commands until unblocked. */
  public boolean blocked() { return blocked; }
  public void setBlocked(boolean b) { blocked = b; }
  public Deque<byte[][]> deferred() { return deferred; }
  public Reply pendingBlockReply() { return pendingBlockReply; }
  public void setPendingBlockReply(Reply r) { pendingBlockReply = r; }

  /**
   * The client accepts possibly stale reads served from this node's own data (READONLY in the
   * raft mode, gRPC's stale_ok), skipping the read's consistency round.
   */
  public boolean staleReads() { return staleReads; }
  public void setStaleReads(boolean b) { staleReads = b; }

  /** Per-session state of the node's {@link CommandBackend} (null until it sets one). */
  public Object backendState() { return backendState; }
  public void setBackendState(Object o) { backendState = o; }

  /** CLIENT LIST flags column. */
  public String flagString() {
    StringBuilder sb = new StringBuilder();
    if (kind == Kind.REPLICA) sb.append('S');
    if (kind == Kind.MASTER) sb.append('M');
    if (subscriptionCount() > 0) sb.append('P');
    if (multi != null) sb.append('x');
    if (blocked) sb.append('b');
    if (closeAfterReply) sb.append('c');
    if (sb.length() == 0) sb.append('N');
    return sb.toString();
  }
}
