package io.kvstore.core.keyspace;

import io.kvstore.core.command.Ctx;
import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.engine.Node;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.RedisException;
import io.kvstore.core.store.Bytes;
import io.kvstore.core.store.StoredValue;
import io.kvstore.core.store.ValueType;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One database as commands see it: Redis keyspace semantics over the raw {@code Store}.
 *
 * <p>Expiry is logical: a key whose time has passed reads as missing. Where the node deletes
 * expired keys (a master), a lookup that finds one deletes it and propagates {@code DEL k}; on
 * a replica it stays stored (the master's DEL removes it) and only the master's own stream sees
 * it. Every modification tells the watch registry, so WATCH sees writes, deletes and expiry.
 */
public final class Keyspace {
  private static final byte[] DEL = "DEL".getBytes(StandardCharsets.UTF_8);

  private final Ctx ctx;
  private final Node node;
  private final int db;

  public Keyspace(Ctx ctx, int db) {
    this.ctx = ctx;
    this.node = ctx.node();
    this.db = db;
  }

  public int index() {
    return db;
  }

  /** Lookup for reading: counts keyspace hits/misses. */
  public StoredValue read(byte[] key) {
    StoredValue v = lookup(key);
    if (v == null) node.stats().keyspaceMisses++;
    else node.stats().keyspaceHits++;
    return v;
  }

  /** Lookup for a write command (no hit/miss accounting). */
  public StoredValue lookup(byte[] key) {
    StoredValue v = node.store().get(db, key);
    if (v == null || !v.isExpiredAt(ctx.now())) return v;
    if (!node.deletesExpiredKeys()) {
      return ctx.session().kind() == ClientSession.Kind.MASTER ? v : null;
    }
    expire(key);
    return null;
  }

  /** The string value for reading, null if missing; WRONGTYPE for other types. */
  public byte[] readString(byte[] key) {
    StoredValue v = read(key);
    if (v == null) return null;
    requireString(v);
    return v.data();
  }

  public static void requireString(StoredValue v) {
    if (v.type() != ValueType.STRING) throw new RedisException(Errors.WRONG_TYPE);
  }

  public boolean exists(byte[] key) {
    return lookup(key) != null;
  }

  /** Stores a value (replacing any) and signals watchers. */
  public void put(byte[] key, StoredValue value) {
    node.store().put(db, key, value);
    modified(key);
  }

  /** Deletes a live key; false when missing or logically expired. */
  public boolean delete(byte[] key) {
    if (lookup(key) == null) return false;
    node.store().remove(db, key);
    modified(key);
    return true;
  }

  /** Deletes an expired key and propagates the deletion, as Redis's deleteExpiredKeyAndPropagate. */
  public void expire(byte[] key) {
    node.store().remove(db, key);
    node.stats().expiredKeys++;
    node.stats().dirty++;
    node.watches().touch(db, key, true);
    ctx.propagate(db, new byte[][] {DEL, key});
  }

  /** Every modification ends here: watchers and the dirty counter. */
  public void modified(byte[] key) {
    node.watches().touch(db, key, false);
    node.stats().dirty++;
  }

  public long size() {
    return node.store().size(db);
  }

  public long expiresCount() {
    return node.store().expiresCount(db);
  }

  /** Empties the database, dirtying watchers of keys that existed. */
  public void clear() {
    node.watches().touchDb(db, k -> node.store().get(db, k.bytes()) != null);
    node.stats().dirty += node.store().size(db);
    node.store().clear(db);
  }

  public List<byte[]> keysAfter(byte[] after, int count) {
    return node.store().keysAfter(db, after, count);
  }

  public boolean isWatchedKeyExpired(Bytes key) {
    StoredValue v = node.store().get(db, key.bytes());
    return v != null && v.isExpiredAt(ctx.now());
  }
}
