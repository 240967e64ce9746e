package io.kvstore.core.engine;

import java.util.List;

/**
 * Receives the effects of each write, in execution order, on the engine thread before the
 * store commits (so a replication layer can record its offset in the same atomic commit).
 * A list of two or more effects is already wrapped in MULTI ... EXEC.
 */
@FunctionalInterface
public interface EffectSink {
  void append(List<Effect> effects);

  /**
   * The effects of a command run by {@code session} (null for the node's own work, such as
   * active expiry), so a replication layer can remember each client's last write offset (WAIT).
   */
  default void append(ClientSession session, List<Effect> effects) {
    append(effects);
  }

  EffectSink NONE = effects -> {};
}
