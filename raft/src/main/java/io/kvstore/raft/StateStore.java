package io.kvstore.raft;

import io.kvstore.core.engine.EngineLoop;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What the raft mode needs from the node's store beyond the engine's {@code Store}: write a
 * checkpoint (a snapshot), and replace the whole dataset with one received from the leader.
 */
public interface StateStore {
  /** Engine thread: commits pending writes and writes a checkpoint to {@code target} (must not exist). */
  void checkpoint(Path target);

  /**
   * Replaces the dataset with the checkpoint in {@code checkpointDir} (not modified), data and
   * metadata; the switch happens on the engine thread through {@code loop}. Called from any thread
   * but the engine's; returns once the new dataset is current.
   */
  void replaceWith(Path checkpointDir, EngineLoop loop) throws IOException;
}
