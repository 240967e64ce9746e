package io.kvstore.sentinel;

import io.kvstore.core.sentinel.ConfigRewrite;
import io.kvstore.core.sentinel.EventLevel;
import io.kvstore.core.sentinel.SentinelConfigFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Saves Sentinel's state into its config file (Redis's sentinelFlushConfig): the current file is
 * merged with the state lines ({@link ConfigRewrite}), written to a temporary file in the same
 * directory, fsynced and renamed over the original, so a crash leaves either version whole.
 */
final class ConfigWriter {
  private final Path file;
  private final SentinelServer.Log log;

  ConfigWriter(Path file, SentinelServer.Log log) {
    this.file = file;
    this.log = log;
  }

  boolean write(List<SentinelConfigFile.Line> lines) {
    if (file == null) return false;
    try {
      String old;
      try {
        old = Files.readString(file, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        old = "";
      }
      String text = ConfigRewrite.rewrite(old, lines);
      Path dir = file.toAbsolutePath().getParent();
      Path tmp = Files.createTempFile(dir, "tmp-sentinel-", ".conf");
      try {
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
      log.log(EventLevel.NOTICE, "Sentinel new configuration saved on disk");
      return true;
    } catch (IOException | RuntimeException e) {
      log.log(EventLevel.WARNING,
          "WARNING: Sentinel was not able to save the new configuration on disk!!!: " + e.getMessage());
      return false;
    }
  }
}
