package io.kvstore.raft;

import io.kvstore.core.engine.EngineLoop;
import io.kvstore.core.store.Store;
import io.kvstore.core.store.StoredValue;
import io.kvstore.persistence.RocksStore;
import io.kvstore.persistence.SyncPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@link StateStore} for the node's own {@link Store}: snapshots through a checkpoint function
 * (the RocksDB store's), installs by rewriting the store in place.
 *
 * <p>Installing is crash-safe without being atomic: first the applied index is reset and every
 * database emptied, in one commit; then the checkpoint's keys are copied in pages (one engine
 * task each, so the engine keeps serving meanwhile: stale reads may see a partial dataset, and
 * nothing else runs on it because the log is not applied during an install); the applied index
 * goes in last. A crash in between leaves a store whose applied index is older than the
 * snapshot, so the next start loads the snapshot again. The checkpoint is read through a scratch
 * copy (SST files hard linked), so the snapshot stays intact for serving other followers.
 */
public final class StoreStateStore implements StateStore {
  private static final int PAGE = 1000;
  private static final List<String> META = List.of(NodeDirectory.META_KEY, AppliedState.META_KEY);

  private final Consumer<Path> checkpointer;

  /** @param checkpointer writes a checkpoint of the node's store (engine thread), e.g. RocksStore::checkpoint */
  public StoreStateStore(Consumer<Path> checkpointer) {
    this.checkpointer = checkpointer;
  }

  @Override
  public void checkpoint(Path target) {
    checkpointer.accept(target);
  }

  @Override
  public void replaceWith(Path checkpointDir, EngineLoop loop) throws IOException {
    Path scratch = checkpointDir.resolveSibling(checkpointDir.getFileName() + ".load");
    CheckpointStorage.deleteTree(scratch);
    copy(checkpointDir, scratch);
    int databases = loop.call(e -> {
      Store s = e.node().store();
      s.putMeta(AppliedState.META_KEY, AppliedState.NONE.encode());
      for (int db = 0; db < s.databases(); db++) s.clear(db);
      s.commit();
      return s.databases();
    }).join();
    try (RocksStore src = RocksStore.open(scratch, databases, SyncPolicy.NO)) {
      for (int db = 0; db < databases; db++) {
        byte[] after = null;
        while (true) {
          List<byte[]> keys = src.keysAfter(db, after, PAGE);
          if (keys.isEmpty()) break;
          List<StoredValue> values = new ArrayList<>(keys.size());
          for (byte[] k : keys) values.add(src.get(db, k));
          int d = db;
          loop.call(e -> {
            Store s = e.node().store();
            for (int i = 0; i < keys.size(); i++) if (values.get(i) != null) s.put(d, keys.get(i), values.get(i));
            s.commit();
            return null;
          }).join();
          after = keys.get(keys.size() - 1);
        }
      }
      List<byte[]> meta = new ArrayList<>();
      for (String name : META) meta.add(src.getMeta(name));
      loop.call(e -> {
        Store s = e.node().store();
        for (int i = 0; i < META.size(); i++) if (meta.get(i) != null) s.putMeta(META.get(i), meta.get(i));
        s.commit();
        return null;
      }).join();
    } finally {
      CheckpointStorage.deleteTree(scratch);
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> s = Files.list(from)) {
      for (Path p : s.toList()) {
        String name = p.getFileName().toString();
        if (!Files.isRegularFile(p) || name.endsWith(".md5")) continue;
        Path target = to.resolve(name);
        if (name.endsWith(".sst")) {
          try {
            Files.createLink(target, p);
            continue;
          } catch (IOException | UnsupportedOperationException e) {
            // another file system: copy instead
          }
        }
        Files.copy(p, target);
      }
    }
  }
}
