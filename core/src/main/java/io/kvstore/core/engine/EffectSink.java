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

  EffectSink NONE = effects -> {};
}
