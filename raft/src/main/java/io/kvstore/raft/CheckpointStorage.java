package io.kvstore.raft;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.impl.FileListSnapshotInfo;

/**
 * Snapshots as RocksDB checkpoints: directory {@code sm/snapshot.<term>_<index>/} in the Raft
 * storage holds a checkpoint of the store whose applied-index metadata is exactly
 * {@code <index>}. Ratis ships a snapshot's files to a follower that is too far behind (or new)
 * and renames the received directory into place; {@link KvStateMachine#reinitialize} then loads
 * it. A superseded snapshot is kept for {@link #RETAIN_MS} after it was taken (at most
 * {@link #MAX_KEPT} of them), because the leader may still be shipping it to a follower: deleting
 * it under the transfer would fail the install, again and again while snapshots are frequent. A
 * checkpoint is written under a {@code .tmp} name and renamed, so a directory with a snapshot name
 * is always complete.
 */
final class CheckpointStorage implements StateMachineStorage {
  private static final Pattern NAME = Pattern.compile("snapshot\\.([0-9]+)_([0-9]+)");
  /** How long a superseded snapshot stays available to transfers in progress. */
  static final long RETAIN_MS = 120_000;
  /** Superseded snapshots kept at most, newest first. */
  static final int MAX_KEPT = 8;

  private volatile File dir;
  private volatile FileListSnapshotInfo latest;

  @Override
  public void init(RaftStorage raftStorage) throws IOException {
    dir = raftStorage.getStorageDir().getStateMachineDir();
    Files.createDirectories(dir.toPath());
    reload();
  }

  /** Rescans the directory (after a snapshot was installed from the leader). */
  void reload() throws IOException {
    Path best = null;
    TermIndex bestTi = null;
    try (Stream<Path> s = Files.list(dir.toPath())) {
      for (Path p : s.toList()) {
        TermIndex ti = termIndex(p);
        if (ti != null && Files.isDirectory(p) && (bestTi == null || ti.getIndex() > bestTi.getIndex())) {
          best = p;
          bestTi = ti;
        }
      }
    }
    latest = best == null ? null : info(best, bestTi);
  }

  private static TermIndex termIndex(Path p) {
    Matcher m = NAME.matcher(p.getFileName().toString());
    return m.matches() ? TermIndex.valueOf(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))) : null;
  }

  private static FileListSnapshotInfo info(Path snapshotDir, TermIndex ti) throws IOException {
    List<FileInfo> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(snapshotDir)) {
      for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
        if (p.getFileName().toString().endsWith(".md5")) continue;
        files.add(new FileInfo(p.toAbsolutePath(), null));
      }
    }
    return new FileListSnapshotInfo(files, ti);
  }

  /** Where the snapshot of {@code term}/{@code index} lives (whether or not it exists). */
  Path snapshotDir(long term, long index) {
    return dir.toPath().resolve("snapshot." + term + "_" + index);
  }

  /** A fresh temporary path for a checkpoint about to become {@code target}. */
  Path tempFor(Path target) {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    deleteTree(tmp);
    return tmp;
  }

  /** Makes a complete checkpoint directory the latest snapshot. */
  void publish(Path tmp, Path target, long term, long index) throws IOException {
    Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    latest = info(target, TermIndex.valueOf(term, index));
  }

  @Override
  public SnapshotInfo getLatestSnapshot() {
    return latest;
  }

  /** The directory of the latest snapshot, or null. */
  Path latestDir() {
    FileListSnapshotInfo l = latest;
    return l == null ? null : snapshotDir(l.getTerm(), l.getIndex());
  }

  @Override
  public void format() {}

  @Override
  public void cleanupOldSnapshots(SnapshotRetentionPolicy policy) throws IOException {
    Path keep = latestDir();
    List<Path> superseded = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir.toPath())) {
      for (Path p : s.toList()) {
        String n = p.getFileName().toString();
        if (termIndex(p) != null) {
          if (!p.equals(keep)) superseded.add(p);
        } else if (n.startsWith("snapshot.") && (n.endsWith(".tmp") || n.endsWith(".load"))) {
          deleteTree(p);
        }
      }
    }
    superseded.sort(Comparator.comparingLong((Path p) -> termIndex(p).getIndex()).reversed());
    long now = System.currentTimeMillis();
    for (int i = 0; i < superseded.size(); i++) {
      Path p = superseded.get(i);
      if (i >= MAX_KEPT || now - Files.getLastModifiedTime(p).toMillis() > RETAIN_MS) deleteTree(p);
    }
  }

  static void deleteTree(Path p) {
    if (!Files.exists(p)) return;
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + p, e);
    }
  }
}
