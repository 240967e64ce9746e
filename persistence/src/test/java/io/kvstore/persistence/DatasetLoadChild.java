package io.kvstore.persistence;

import io.kvstore.core.store.StoredValue;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Child process for {@link DatasetCrashTest}: opens the dataset store in {@code dir} and starts a
 * full-resync load of keys {@code new:i}, committed in chunks.
 *
 * <p>Mode {@code load}: loads forever, printing {@code loaded i} every 1000 keys, until killed.
 * Mode {@code install}: loads {@code count} keys and the metadata {@code repl-id=new}, installs
 * the load, prints {@code installed}, then writes keys {@code after:i} to the new dataset
 * forever, one commit each, printing {@code ack i} after each commit, until killed.
 *
 * <p>Usage: {@code DatasetLoadChild <dir> <load|install> <count>}
 */
public final class DatasetLoadChild {
  private DatasetLoadChild() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    boolean install = args[1].equals("install");
    int count = Integer.parseInt(args[2]);
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    DatasetStore store = DatasetStore.open(dir, 16, SyncPolicy.EVERYSEC);
    DatasetLoad load = store.beginLoad();
    for (int i = 0; install ? i < count : true; i++) {
      load.put(0, key("new:", i), ("n" + i).getBytes(StandardCharsets.UTF_8), StoredValue.NO_EXPIRY);
      if (!install && (i + 1) % 1000 == 0) {
        out.println("loaded " + (i + 1));
        out.flush();
      }
    }
    load.putMeta("repl-id", "new".getBytes(StandardCharsets.UTF_8));
    store.install(load);
    out.println("installed");
    out.flush();
    for (int i = 0; ; i++) {
      store.put(1, key("after:", i), StoredValue.string(new byte[] {'a'}, StoredValue.NO_EXPIRY));
      store.commit();
      out.println("ack " + i);
      out.flush();
    }
  }

  static byte[] key(String prefix, int i) {
    return (prefix + i).getBytes(StandardCharsets.UTF_8);
  }
}
