package io.kvstore.core.cmd.server;

import io.kvstore.core.command.Ctx;
import io.kvstore.core.engine.Node;

/**
 * The save step SAVE and BGSAVE share. kvstore's "save" makes the store durable through the
 * node's lifecycle (a RocksDB flush), which is quick enough to run in place: BGSAVE therefore
 * saves synchronously and only its reply differs.
 */
final class Saves {
  private Saves() {}

  /** Saves; on success records the time, clears the change counter; returns success. */
  static boolean save(Ctx ctx) {
    Node node = ctx.node();
    node.stats().rdbSaves++;
    boolean ok = node.lifecycle().save();
    node.setLastSaveOk(ok);
    if (ok) {
      node.setLastSaveSeconds(ctx.now() / 1000);
      node.stats().dirty = 0;
    }
    return ok;
  }
}
