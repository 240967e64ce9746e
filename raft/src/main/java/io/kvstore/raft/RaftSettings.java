package io.kvstore.raft;

import io.kvstore.core.config.Config;
import java.nio.file.Path;
import java.util.Map;

/**
 * The raft mode's startup settings, read from the node's configuration: {@code raft-id},
 * {@code raft-peers} (the initial members, this node included: its entry is its own Raft
 * address), {@code raft-join} (start outside the group and wait to be added with RAFT ADD on a
 * member; only the own entry of raft-peers is used then), {@code raft-dir} (default
 * {@code <dir>/raft}), {@code raft-read-mode}
 * (linearizable, or lease: the leader skips the heartbeat round of a read while its lease
 * holds), {@code raft-election-timeout} and {@code raft-snapshot-entries}. {@code raft-timeout}
 * and {@code raft-follower-writes} can change at run time and are read where used.
 * Once a node has Raft state on disk, the membership stored there wins over these settings.
 */
public record RaftSettings(String id, Map<String, String> peers, String address, Path storageDir,
    boolean join, boolean lease, int electionTimeoutMs, long snapshotEntries) {

  public static RaftSettings from(Config config) {
    String id = config.get("raft-id").trim();
    if (id.isEmpty()) throw new IllegalArgumentException("replication-mode raft needs raft-id");
    Peers.checkId(id);
    Map<String, String> peers = Peers.parse(config.get("raft-peers"));
    String address = peers.get(id);
    if (address == null) {
      throw new IllegalArgumentException("raft-peers must list this node (" + id + "=host:port)");
    }
    String dir = config.get("raft-dir").trim();
    Path storage = dir.isEmpty() ? Path.of(config.get("dir")).resolve("raft") : Path.of(dir);
    return new RaftSettings(id, peers, address, storage, config.getBool("raft-join"),
        "lease".equals(config.get("raft-read-mode")), config.getInt("raft-election-timeout"),
        config.getLong("raft-snapshot-entries"));
  }

  /** Whether this node starts as a member of the group (not when joining). */
  public boolean initialMember() {
    return !join;
  }
}
