package io.kvstore.bench.etcd;

import java.io.IOException;

/**
 * A system under load, seen by the load generator: it opens one session (one connection) per
 * simulated client. Both kinds of system are driven through this so the loop is the same.
 */
public interface Target extends AutoCloseable {
  /** A label for progress lines and the table ({@code etcd}, {@code kvstore}). */
  String name();

  /** Opens client {@code index}'s connection (clients are spread over the endpoints by index). */
  Session open(int index) throws IOException;

  @Override
  default void close() {}

  /** One simulated client's connection; used by one thread at a time. */
  interface Session extends AutoCloseable {
    /** Writes {@code value} at {@code key}; returns once the system acknowledged it. */
    void put(byte[] key, byte[] value) throws Exception;

    /** A linearizable read of {@code key}: its value, or null when the key is missing. */
    byte[] get(byte[] key) throws Exception;

    @Override
    void close();
  }
}
