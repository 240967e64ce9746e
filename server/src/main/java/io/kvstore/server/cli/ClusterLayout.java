package io.kvstore.server.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Where a local cluster lives: {@code <dir>/cluster.properties} (mode, node count, base port)
 * and one directory per node, {@code <dir>/n<i>/}, holding its data, {@code kvstore.log} and
 * {@code kvstore.pid}. Node i (from 1) listens for RESP on {@code base + i - 1}, for gRPC on
 * {@code base + 100 + i - 1} and, in the raft mode, for Raft on {@code base + 200 + i - 1}.
 */
record ClusterLayout(Path dir, String mode, int nodes, int basePort) {
  static final String FILE = "cluster.properties";

  /** One node's name and ports. */
  record NodeInfo(String id, Path dir, int respPort, int grpcPort, int raftPort) {
    Path pidFile() {
      return dir.resolve("kvstore.pid");
    }

    Path logFile() {
      return dir.resolve("kvstore.log");
    }
  }

  List<NodeInfo> nodeList() {
    List<NodeInfo> out = new ArrayList<>();
    for (int i = 1; i <= nodes; i++) {
      out.add(new NodeInfo("n" + i, dir.resolve("n" + i), basePort + i - 1, basePort + 100 + i - 1,
          basePort + 200 + i - 1));
    }
    return out;
  }

  /** {@code n1=127.0.0.1:<raft port>,...}. */
  String raftPeers() {
    StringBuilder sb = new StringBuilder();
    for (NodeInfo n : nodeList()) {
      if (sb.length() > 0) sb.append(',');
      sb.append(n.id()).append("=127.0.0.1:").append(n.raftPort());
    }
    return sb.toString();
  }

  void save() throws IOException {
    Files.createDirectories(dir);
    Properties p = new Properties();
    p.setProperty("mode", mode);
    p.setProperty("nodes", Integer.toString(nodes));
    p.setProperty("base-port", Integer.toString(basePort));
    try (Writer w = Files.newBufferedWriter(dir.resolve(FILE), StandardCharsets.UTF_8)) {
      p.store(w, "kvstore local cluster");
    }
  }

  /** The layout saved in {@code dir}, or null when there is none. */
  static ClusterLayout load(Path dir) throws IOException {
    Path f = dir.resolve(FILE);
    if (!Files.isRegularFile(f)) return null;
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return new ClusterLayout(dir, p.getProperty("mode", "raft"),
        Integer.parseInt(p.getProperty("nodes", "0")), Integer.parseInt(p.getProperty("base-port", "7000")));
  }
}
