package io.kvstore.core.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A deterministic write effect in database {@code db}, as Redis 7.0 propagates it
 * ({@code SET k v PXAT t}, {@code PEXPIREAT}, {@code DEL} on expiry...). Effects, not requests,
 * feed the replication stream and backlog.
 */
public record Effect(int db, byte[][] argv) {
  public static Effect of(int db, String... words) {
    byte[][] a = new byte[words.length][];
    for (int i = 0; i < words.length; i++) a[i] = words[i].getBytes(StandardCharsets.UTF_8);
    return new Effect(db, a);
  }

  @Override
  public String toString() {
    return db + ":" + Arrays.stream(argv).map(b -> new String(b, StandardCharsets.UTF_8))
        .collect(Collectors.joining(" "));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Effect e && e.db == db && Arrays.deepEquals(e.argv, argv);
  }

  @Override
  public int hashCode() {
    return 31 * db + Arrays.deepHashCode(argv);
  }
}
