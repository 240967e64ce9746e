package io.kvstore.bench.workload;

import io.kvstore.bench.client.Request;
import io.kvstore.bench.history.Op;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A stream of requests for client workers. {@link #next} is called by many workers at once, each
 * with its own random source and {@link Memory}; implementations keep shared counters atomic.
 */
public interface Workload {
  String name();

  Request next(SplittableRandom rng, Memory memory);

  /** Sees each finished operation of the worker that asked (e.g. to learn a register's value). */
  default void observe(Op op, Memory memory) {
  }

  /** Reads to run once the faults are over and the cluster has settled. */
  default List<Request> finalReads() {
    return List.of();
  }

  /** What one worker remembers between its requests: the last value it saw per key. */
  final class Memory {
    private final Map<String, String> lastSeen = new HashMap<>();

    public String lastSeen(String key) {
      return lastSeen.get(key);
    }

    public void saw(String key, String value) {
      if (lastSeen.size() > 256) {
        lastSeen.clear();
      }
      lastSeen.put(key, value);
    }
  }
}
