package io.kvstore.raft;

import io.kvstore.core.store.Store;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client-facing addresses (RESP and gRPC host:port) of every node, by Raft id. Each node
 * announces its own through the log, so all nodes learn them in the same order and keep them in
 * the replicated state (store metadata, hence in snapshots too). Used to name the leader in
 * redirects, ROLE and INFO. Written on the engine thread, read from any thread.
 */
final class NodeDirectory {
  static final String META_KEY = "raft.nodes";

  /** A node's addresses; empty strings when a listener is disabled. */
  record Addresses(String resp, String grpc) {}

  private final Map<String, Addresses> nodes = new ConcurrentHashMap<>();

  Addresses get(String id) {
    return id == null ? null : nodes.get(id);
  }

  Map<String, Addresses> all() {
    return new TreeMap<>(nodes);
  }

  /** Applies an announcement (engine thread), persisting the whole directory in {@code store}. */
  void put(Store store, String id, Addresses a) {
    nodes.put(id, a);
    store.putMeta(META_KEY, encode());
  }

  /** Reloads from the store (start, snapshot install). */
  void load(Store store) {
    nodes.clear();
    byte[] b = store.getMeta(META_KEY);
    if (b == null) return;
    for (String line : new String(b, StandardCharsets.UTF_8).split("\n")) {
      String[] f = line.split("\t", -1);
      if (f.length == 3) nodes.put(f[0], new Addresses(f[1], f[2]));
    }
  }

  private byte[] encode() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Addresses> e : new TreeMap<>(nodes).entrySet()) {
      sb.append(e.getKey()).append('\t').append(e.getValue().resp()).append('\t')
          .append(e.getValue().grpc()).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
