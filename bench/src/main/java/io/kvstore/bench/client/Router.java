package io.kvstore.bench.client;

/**
 * Tells each client process where to send its next command, the way a real client of the
 * cluster would find it: a Sentinel-aware client follows the master Sentinel announces; a client
 * of a raft cluster talks to one node and moves to another when that one fails it.
 */
public interface Router extends AutoCloseable {
  /** The endpoint for process {@code process}'s next command, or null when none is known now. */
  Endpoint endpoint(int process);

  /** The process's command failed in a way that suggests trying elsewhere. */
  void failed(int process, Endpoint endpoint);

  @Override
  default void close() {
  }
}
