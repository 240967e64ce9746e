package io.kvstore.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kill -9 durability, per sync policy, with a real child JVM: every write the child acknowledged
 * (printed after its commit returned) must be there after the child is SIGKILLed mid-stream.
 *
 * <p>This holds for all three policies, not only ALWAYS: each commit hands its journal record to the
 * OS before returning, and the OS keeps it when the process dies. What EVERYSEC and NO give up
 * is a machine crash or power loss (an OS that never writes its page cache back), which a
 * process kill does not simulate. The metadata written with each key must match the data
 * exactly (atomic commit), and the key counter must equal the keys present.
 */
class DurabilityTest {
  private static final int ACKS_BEFORE_KILL = 300;
  /** 300 values of this size are well over the journal's apply threshold (see WriteJournal). */
  private static final int VALUE_BYTES = 48 * 1024;

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(value = SyncPolicy.class, names = {"ALWAYS", "EVERYSEC", "NO"}) // WAL_OFF relies on the raft log for durability
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void everyAcknowledgedWriteSurvivesSigkill(SyncPolicy policy) throws Exception {
    Path db = dir.resolve("db");
    Path err = dir.resolve("child.err");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        DurabilityChild.class.getName(), db.toString(), policy.configValue(), "1000000",
        Integer.toString(VALUE_BYTES))
        .redirectError(err.toFile());
    // A killed JVM cannot delete the native library it extracted: extract it under the temp dir.
    Path lib = Files.createDirectories(dir.resolve("native"));
    pb.environment().put("ROCKSDB_SHAREDLIB_DIR", lib.toString());
    Process child = pb.start();
    int lastAck = -1;
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("ack ")) lastAck = Integer.parseInt(line.substring(4));
        if (lastAck + 1 >= ACKS_BEFORE_KILL) break;
      }
      child.destroyForcibly(); // SIGKILL, while the child keeps writing
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    assertThat(lastAck + 1).as("acks read; child stderr: %s", Files.readString(err))
        .isEqualTo(ACKS_BEFORE_KILL);
    assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);

    try (RocksStore store = RocksStore.open(db, 16, SyncPolicy.NO)) {
      for (int i = 0; i <= lastAck; i++) {
        assertThat(store.get(0, DurabilityChild.key(i))).as("acked key:%d", i).isNotNull();
      }
      int last = Integer.parseInt(new String(store.getMeta("last"), StandardCharsets.UTF_8));
      assertThat(last).as("meta 'last'").isGreaterThanOrEqualTo(lastAck);
      assertThat(store.get(0, DurabilityChild.key(last))).as("data of meta's last").isNotNull();
      assertThat(store.get(0, DurabilityChild.key(last + 1))).as("nothing beyond meta's last").isNull();
      assertThat(store.size(0)).as("exact counter after kill -9").isEqualTo(last + 1);
      assertThat(store.keysAfter(0, null, Integer.MAX_VALUE)).hasSize(last + 1);
      assertThat(store.expiresCount(0)).as("exact expiry counter").isEqualTo(last / 2 + 1);
      assertThat(store.expiredKeys(0, Long.MAX_VALUE, Integer.MAX_VALUE))
          .as("the expiry index holds each key with an expiry once").hasSize(last / 2 + 1);
      assertThat(store.get(0, DurabilityChild.key(last)).data()).hasSize(VALUE_BYTES);
    }
  }
}
