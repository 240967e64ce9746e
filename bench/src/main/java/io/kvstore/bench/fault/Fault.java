package io.kvstore.bench.fault;

/** One scheduled fault: what, when (ms after the phase starts) and for how long. */
public record Fault(FaultKind kind, long atMs, long durationMs) {
  public long endMs() {
    return atMs + durationMs;
  }
}
