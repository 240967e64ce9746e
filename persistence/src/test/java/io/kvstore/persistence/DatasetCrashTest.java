package io.kvstore.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.core.store.StoredValue;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real child JVM SIGKILLed during a full-resync load, or after installing it: the reopened
 * store holds exactly one complete dataset, the old one or the new one, never a mix.
 */
class DatasetCrashTest {
  private static final int OLD_KEYS = 2000;

  @TempDir Path dir;

  private Path data() throws Exception {
    Path d = dir.resolve("data");
    try (DatasetStore s = DatasetStore.open(d, 16, SyncPolicy.ALWAYS)) {
      for (int i = 0; i < OLD_KEYS; i++) {
        s.put(0, DatasetLoadChild.key("old:", i), StoredValue.string(new byte[] {'o'},
            i % 2 == 0 ? 9_000_000_000_000L : StoredValue.NO_EXPIRY));
      }
      s.putMeta("repl-id", "old".getBytes(StandardCharsets.UTF_8));
      s.commit();
    }
    return d;
  }

  /** Runs the child until {@code stopAt} matches a line it printed, then SIGKILLs it. */
  private void runAndKill(Path data, String mode, int count, String stopAt) throws Exception {
    Path err = dir.resolve("child.err");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        DatasetLoadChild.class.getName(), data.toString(), mode, Integer.toString(count))
        .redirectError(err.toFile());
    Path lib = Files.createDirectories(dir.resolve("native"));
    pb.environment().put("ROCKSDB_SHAREDLIB_DIR", lib.toString());
    Process child = pb.start();
    // Whatever happens, the child does not outlive the test: reading then ends at end of stream.
    CompletableFuture.delayedExecutor(90, TimeUnit.SECONDS).execute(child::destroyForcibly);
    boolean seen = false;
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.equals(stopAt)) {
          seen = true;
          break;
        }
      }
      child.destroyForcibly(); // SIGKILL while the child keeps writing
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    assertThat(seen).as("child printed '%s'; stderr: %s", stopAt, Files.readString(err)).isTrue();
    assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void killedDuringTheLoadRestartsOnTheOldDatasetComplete() throws Exception {
    Path data = data();
    int loaded = (3 * DatasetLoad.CHUNK_KEYS / 1000 + 1) * 1000; // several chunks committed
    runAndKill(data, "load", 0, "loaded " + loaded);
    assertThat(data.resolve("dataset-2")).as("the partial load is on disk").exists();

    try (DatasetStore s = DatasetStore.open(data, 16, SyncPolicy.NO)) {
      assertThat(s.currentDataset()).isEqualTo(1);
      assertThat(s.size(0)).isEqualTo(OLD_KEYS);
      assertThat(s.expiresCount(0)).isEqualTo(OLD_KEYS / 2);
      assertThat(s.keysAfter(0, null, Integer.MAX_VALUE)).hasSize(OLD_KEYS);
      assertThat(s.get(0, DatasetLoadChild.key("new:", 0))).isNull();
      assertThat(new String(s.getMeta("repl-id"), StandardCharsets.UTF_8)).isEqualTo("old");
      assertThat(data.resolve("dataset-2")).as("the partial load is removed").doesNotExist();
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void killedAfterTheInstallRestartsOnTheNewDatasetComplete() throws Exception {
    Path data = data();
    int newKeys = 10_000;
    runAndKill(data, "install", newKeys, "ack 20");

    try (DatasetStore s = DatasetStore.open(data, 16, SyncPolicy.NO)) {
      assertThat(s.currentDataset()).isEqualTo(2);
      assertThat(s.size(0)).isEqualTo(newKeys);
      assertThat(s.expiresCount(0)).isZero();
      assertThat(s.keysAfter(0, null, Integer.MAX_VALUE)).hasSize(newKeys);
      assertThat(s.get(0, DatasetLoadChild.key("old:", 1))).isNull();
      assertThat(new String(s.get(0, DatasetLoadChild.key("new:", 9999)).data(), StandardCharsets.UTF_8))
          .isEqualTo("n9999");
      assertThat(new String(s.getMeta("repl-id"), StandardCharsets.UTF_8)).isEqualTo("new");
      for (int i = 0; i <= 20; i++) {
        assertThat(s.get(1, DatasetLoadChild.key("after:", i))).as("acked after:%d", i).isNotNull();
      }
      assertThat(s.size(1)).isEqualTo(s.keysAfter(1, null, Integer.MAX_VALUE).size());
      assertThat(data.resolve("dataset-1")).doesNotExist();
    }
  }
}
