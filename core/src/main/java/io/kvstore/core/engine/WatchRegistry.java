package io.kvstore.core.engine;

import io.kvstore.core.store.Bytes;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which sessions WATCH which keys. Every modification of a key (writes, deletes, expiry, flushes,
 * SWAPDB) marks its watchers dirty so their EXEC returns a null array.
 */
public final class WatchRegistry {
  private record DbKey(int db, Bytes key) {}

  private final Map<DbKey, Set<ClientSession>> watchers = new HashMap<>();

  public void watch(ClientSession s, int db, Bytes key, boolean expiredNow) {
    for (ClientSession.Watched w : s.watched()) {
      if (w.db == db && w.key.equals(key)) return;
    }
    s.watched().add(new ClientSession.Watched(db, key, expiredNow));
    watchers.computeIfAbsent(new DbKey(db, key), k -> new LinkedHashSet<>()).add(s);
  }

  public void unwatchAll(ClientSession s) {
    for (ClientSession.Watched w : s.watched()) {
      DbKey k = new DbKey(w.db, w.key);
      Set<ClientSession> set = watchers.get(k);
      if (set != null) {
        set.remove(s);
        if (set.isEmpty()) watchers.remove(k);
      }
    }
    s.clearWatchState();
  }

  public boolean isEmpty() {
    return watchers.isEmpty();
  }

  /**
   * A key was modified. {@code deletedByExpiry}: a key that was already expired at WATCH time
   * and is now deleted by expiry is, logically, no change (Redis 7.0 touchWatchedKey).
   */
  public void touch(int db, byte[] key, boolean deletedByExpiry) {
    if (watchers.isEmpty()) return;
    Set<ClientSession> set = watchers.get(new DbKey(db, Bytes.wrap(key)));
    if (set == null) return;
    for (ClientSession s : set) {
      if (deletedByExpiry) {
        ClientSession.Watched w = find(s, db, key);
        if (w != null && w.expiredAtWatch) {
          w.expiredAtWatch = false;
          continue;
        }
      }
      s.markWatchDirty();
    }
  }

  /** Marks watchers of every key in {@code db} for which {@code existed} holds (flush, swap). */
  public void touchDb(int db, Predicate<Bytes> existed) {
    for (Map.Entry<DbKey, Set<ClientSession>> e : watchers.entrySet()) {
      if (e.getKey().db() == db && existed.test(e.getKey().key())) {
        e.getValue().forEach(ClientSession::markWatchDirty);
      }
    }
  }

  private static ClientSession.Watched find(ClientSession s, int db, byte[] key) {
    for (ClientSession.Watched w : s.watched()) {
      if (w.db == db && java.util.Arrays.equals(w.key.bytes(), key)) return w;
    }
    return null;
  }
}
