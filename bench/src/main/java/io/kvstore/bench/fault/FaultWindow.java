package io.kvstore.bench.fault;

/**
 * A fault as it happened: its kind, the member it hit (null if none could be found), and when it
 * began and ended, in ns on the {@link System#nanoTime()} clock (end = 0 while it lasts).
 */
public record FaultWindow(FaultKind kind, String target, long startNs, long endNs, String note) {
  public FaultWindow ended(long atNs, String why) {
    return new FaultWindow(kind, target, startNs, atNs, why == null ? note : why);
  }
}
