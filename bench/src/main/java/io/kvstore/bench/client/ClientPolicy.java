package io.kvstore.bench.client;

/**
 * How a mode's clients behave beyond where they connect: {@code WAIT waitReplicas waitTimeoutMs}
 * after every write (0 = never), {@code READONLY} on every connection for stale local reads, and
 * how long a command may take before its outcome is declared unknown.
 */
public record ClientPolicy(int waitReplicas, int waitTimeoutMs, boolean staleReads, int opTimeoutMs) {
  public static ClientPolicy plain(int opTimeoutMs) {
    return new ClientPolicy(0, 0, false, opTimeoutMs);
  }
}
