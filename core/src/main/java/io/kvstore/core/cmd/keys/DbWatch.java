package io.kvstore.core.cmd.keys;

import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.engine.Node;
import io.kvstore.core.store.Store;
import io.kvstore.core.store.StoredValue;

/**
 * WATCH invalidation when a whole database is emptied (FLUSHDB, FLUSHALL) or replaced (SWAPDB),
 * following Redis 7.0's touchAllWatchedKeysInDb: a watcher is dirtied when its key existed in the
 * emptied database or exists in the replacement, except that "expired then, still absent or
 * expired now" is no logical change, and a missing key replaced by an expired one becomes
 * "expired at watch". Must run before the store is cleared or swapped.
 */
final class DbWatch {
  private DbWatch() {}

  /** {@code replacedWith} is the database whose contents will take {@code emptied}'s place, or -1. */
  static void emptied(Node node, int emptied, int replacedWith, long now) {
    if (node.watches().isEmpty()) return;
    Store store = node.store();
    for (ClientSession s : node.clients().all()) {
      for (ClientSession.Watched w : s.watched()) {
        if (w.db != emptied) continue;
        byte[] key = w.key.bytes();
        boolean inEmptied = store.get(emptied, key) != null;
        StoredValue replacement = replacedWith < 0 ? null : store.get(replacedWith, key);
        if (!inEmptied && replacement == null) continue;
        boolean replacementExpired = replacement != null && replacement.isExpiredAt(now);
        if (w.expiredAtWatch) {
          if (replacement == null) {
            w.expiredAtWatch = false;
            continue;
          }
          if (replacementExpired) continue;
        } else if (!inEmptied && replacementExpired) {
          w.expiredAtWatch = true;
          continue;
        }
        s.markWatchDirty();
      }
    }
  }
}
