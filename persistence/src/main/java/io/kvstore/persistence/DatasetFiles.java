package io.kvstore.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The file-system side of {@link DatasetStore}: the names of dataset directories, the pointer
 * file naming the current one, and the durable ways to change them.
 *
 * <p>The pointer is replaced, never edited: the new text goes to a temporary file that is
 * fsynced, renamed over the pointer in one atomic step, and then the directory is fsynced so the
 * rename itself survives a machine crash. A reader therefore sees the old pointer or the new
 * one, never a mix or an empty file.
 */
final class DatasetFiles {
  static final String POINTER = "CURRENT-DATASET";
  static final String POINTER_TMP = POINTER + ".tmp";
  static final String PREFIX = "dataset-";
  private static final Pattern NAME = Pattern.compile("dataset-([1-9][0-9]{0,8})");

  private DatasetFiles() {}

  static String name(int n) {
    return PREFIX + n;
  }

  /** The number in a dataset directory name, or -1 when the name is not exactly one. */
  static int number(String name) {
    Matcher m = NAME.matcher(name);
    return m.matches() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** The dataset the pointer names, or -1 when there is no pointer. */
  static int readPointer(Path dir) {
    String text;
    try {
      text = Files.readString(dir.resolve(POINTER), StandardCharsets.UTF_8).trim();
    } catch (NoSuchFileException e) {
      return -1;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve(POINTER), e);
    }
    int n = number(text);
    if (n < 0) {
      throw new IllegalStateException(dir.resolve(POINTER) + " does not name a dataset: '" + text + "'");
    }
    return n;
  }

  /**
   * Points at dataset {@code n}. Returns normally once the rename happened; a failure before it
   * leaves the old pointer in place (and throws). A failed directory fsync after the rename is
   * only reported: the switch has happened and cannot be taken back.
   */
  static void writePointer(Path dir, int n) {
    Path tmp = dir.resolve(POINTER_TMP);
    byte[] text = (name(n) + "\n").getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(text);
      while (b.hasRemaining()) ch.write(b);
      ch.force(true);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new UncheckedIOException("cannot write " + tmp, e);
    }
    try {
      Files.move(tmp, dir.resolve(POINTER), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      deleteQuietly(tmp);
      throw new IllegalStateException("the file system of " + dir + " cannot rename atomically", e);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new UncheckedIOException("cannot move " + tmp + " to " + POINTER, e);
    }
    try {
      fsyncDirectory(dir);
    } catch (IOException e) {
      System.err.println("fsync of " + dir + " after switching datasets failed: " + e);
    }
  }

  /** Makes renames and deletions of {@code dir}'s entries durable. */
  static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /** Every entry of {@code dir} whose name starts with {@code dataset-}. */
  static List<Path> datasetEntries(Path dir) {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> p.getFileName().toString().startsWith(PREFIX)).forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /** Deletes a file or a directory tree; false (and a message) when something remained. */
  static boolean deleteTree(Path path) {
    if (!Files.exists(path)) return true;
    try (Stream<Path> s = Files.walk(path)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
      return true;
    } catch (IOException | UncheckedIOException e) {
      System.err.println("could not delete " + path + " (retried at next open): " + e);
      return false;
    }
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      System.err.println("could not delete " + file + ": " + e);
    }
  }
}
