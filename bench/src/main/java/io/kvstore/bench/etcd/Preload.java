package io.kvstore.bench.etcd;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes every key of the key space once before the measured steps (so reads always find a
 * value and both systems start from the same data), then reads one key back through a session
 * on each node to check that the target really stores what the benchmark writes. Untimed; it
 * also warms up connections and, for the JVM, the code paths.
 */
public final class Preload {
  private Preload() {}

  /**
   * Writes keys {@code 0..count-1} with {@code clients} sessions (client c writes the keys
   * {@code i} with {@code i mod clients == c}), then checks a read on {@code nodes} sessions.
   * Throws with the first failure.
   */
  public static void run(Target target, KeySpace keys, int clients, int nodes) throws Exception {
    AtomicReference<Exception> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      final int client = c;
      Thread t = new Thread(() -> {
        try (Target.Session s = target.open(client)) {
          for (int i = client; i < keys.count() && failure.get() == null; i += clients) {
            s.put(keys.key(i), keys.value());
          }
        } catch (Exception e) {
          failure.compareAndSet(null, e);
        }
      }, target.name() + "-preload-" + c);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) t.join();
    if (failure.get() != null) throw failure.get();
    for (int n = 0; n < nodes; n++) {
      try (Target.Session s = target.open(n)) {
        byte[] read = s.get(keys.key(keys.count() - 1));
        if (!keys.isValue(read)) {
          throw new IllegalStateException(target.name() + ": a read through node " + (n + 1)
              + " did not return the value written (" + (read == null ? "missing" : read.length + " bytes") + ")");
        }
      }
    }
  }
}
