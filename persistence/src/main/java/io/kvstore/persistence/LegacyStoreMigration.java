package io.kvstore.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Moves a store kept directly in the data directory (the layout before {@link DatasetStore})
 * into {@code dataset-1}, so upgrading a node keeps its data.
 *
 * <p>Crash-safe by ordering: a RocksDB checkpoint of the old store is written to
 * {@code dataset-1} (RocksDB builds it under a temporary name and renames it), then the pointer
 * is written, then the old files are deleted with {@code CURRENT} last. Until the pointer
 * exists the old store is untouched and the migration starts over at the next open; once it
 * exists, the next open finishes deleting whatever old files remain. Only names RocksDB itself
 * gives its files are deleted, so nothing else kept in the directory is touched.
 */
final class LegacyStoreMigration {
  private static final String MARKER = "CURRENT";
  private static final Pattern ROCKS_FILE = Pattern.compile("CURRENT|IDENTITY|LOCK|LOG"
      + "|LOG\\.old\\.[0-9]+|MANIFEST-[0-9]+|OPTIONS-[0-9]+(\\.dbtmp)?|[0-9]+\\.(sst|log|blob)");

  private LegacyStoreMigration() {}

  /** Whether {@code dir} itself holds a RocksDB database. */
  static boolean present(Path dir) {
    return Files.isRegularFile(dir.resolve(MARKER));
  }

  /** Copies the old store into dataset 1 and points at it; the old files stay until {@link #removeOldFiles}. */
  static void migrate(Path dir, int databases) {
    for (Path p : DatasetFiles.datasetEntries(dir)) {
      if (!DatasetFiles.deleteTree(p)) {
        throw new IllegalStateException("cannot remove " + p + " left by an interrupted migration");
      }
    }
    Path target = dir.resolve(DatasetFiles.name(1));
    try (RocksStore old = RocksStore.open(dir, databases, SyncPolicy.NO)) {
      old.checkpoint(target);
    }
    try {
      DatasetFiles.fsyncDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot fsync " + dir, e);
    }
    DatasetFiles.writePointer(dir, 1);
  }

  /** Deletes the old store's files, {@code CURRENT} last, so an interrupted removal resumes. */
  static void removeOldFiles(Path dir) {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> Files.isRegularFile(p) && ROCKS_FILE.matcher(p.getFileName().toString()).matches())
          .filter(p -> !p.getFileName().toString().equals(MARKER))
          .forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    Path journal = dir.resolve(RocksStore.JOURNAL_DIR); // made by the migration's own open
    if (Files.isDirectory(journal) && !DatasetFiles.deleteTree(journal)) {
      System.err.println("could not delete old store journal " + journal + " (retried at next open)");
      return;
    }
    files.add(dir.resolve(MARKER));
    for (Path f : files) {
      try {
        Files.deleteIfExists(f);
      } catch (IOException e) {
        System.err.println("could not delete old store file " + f + " (retried at next open): " + e);
        return;
      }
    }
  }
}
