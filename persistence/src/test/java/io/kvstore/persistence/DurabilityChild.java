package io.kvstore.persistence;

import io.kvstore.core.store.StoredValue;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Child process for the durability tests: opens the store with the given policy and writes keys
 * {@code key:i} forever, each with its own commit that also records {@code last = i} as
 * metadata, printing {@code ack i} only after the commit returned. Values are padded to
 * {@code valueBytes}, so the store's journal applies batches to the database while the child
 * runs; even keys carry an expiry (far in the future), so the expiry index is written too. The
 * parent kills it with SIGKILL at some point and checks what survived.
 *
 * <p>Usage: {@code DurabilityChild <dir> <always|everysec|no> <maxKeys> [valueBytes]}
 */
public final class DurabilityChild {
  private DurabilityChild() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    SyncPolicy policy = SyncPolicy.of(args[1]);
    int max = Integer.parseInt(args[2]);
    int valueBytes = args.length > 3 ? Integer.parseInt(args[3]) : 0;
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    RocksStore store = RocksStore.open(dir, 16, policy);
    out.println("ready");
    out.flush();
    for (int i = 0; i < max; i++) {
      byte[] v = ("value-" + i).getBytes(StandardCharsets.UTF_8);
      if (v.length < valueBytes) v = Arrays.copyOf(v, valueBytes);
      store.put(0, key(i), StoredValue.string(v, i % 2 == 0 ? expireAt(i) : StoredValue.NO_EXPIRY));
      store.putMeta("last", Integer.toString(i).getBytes(StandardCharsets.UTF_8));
      store.commit();
      out.println("ack " + i);
      out.flush();
    }
    store.close();
  }

  /** The expiry of even keys: far in the future, so nothing expires during the test. */
  static long expireAt(int i) {
    return 4_000_000_000_000L + i;
  }

  static byte[] key(int i) {
    return ("key:" + i).getBytes(StandardCharsets.UTF_8);
  }
}
