package io.kvstore.it.sentinel;

import io.kvstore.it.KvstoreProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipFile;

/**
 * A private copy of the shaded kvstore jar for the duration of a test class, so that a rebuild
 * of the jar while the test runs (processes are restarted mid-test) cannot hand a half-written
 * file to a new process. While installed, {@code kvstore.jar} points at the copy, so
 * {@link KvstoreProcess} uses it too.
 */
final class StableJar {
  private static String previous;
  private static Path copy;

  private StableJar() {}

  static synchronized Path install() throws IOException, InterruptedException {
    Path source = KvstoreProcess.jar();
    previous = System.getProperty("kvstore.jar");
    Path dir = Files.createTempDirectory("kvstore-sentinel-jar");
    copy = dir.resolve("kvstore.jar");
    for (int attempt = 0; ; attempt++) {
      Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
      if (valid(copy)) break;
      if (attempt > 60) throw new IllegalStateException("the jar stays unreadable: " + source);
      Thread.sleep(2000); // being rebuilt right now
    }
    System.setProperty("kvstore.jar", copy.toString());
    return copy;
  }

  static synchronized void uninstall() throws IOException {
    if (previous == null) System.clearProperty("kvstore.jar");
    else System.setProperty("kvstore.jar", previous);
    if (copy != null) {
      Files.deleteIfExists(copy);
      Files.deleteIfExists(copy.getParent());
      copy = null;
    }
  }

  static Path path() {
    return copy != null ? copy : KvstoreProcess.jar();
  }

  private static boolean valid(Path jar) {
    try (ZipFile z = new ZipFile(jar.toFile())) {
      return z.getEntry("io/kvstore/server/cli/Main.class") != null
          && z.getEntry("io/kvstore/sentinel/SentinelServer.class") != null;
    } catch (IOException e) {
      return false;
    }
  }
}
