package io.kvstore.it.replication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The nodes of one test: each in its own directory under a fresh temporary directory, all
 * stopped after the test; when the test failed, the end of every node's log is printed (the
 * failsafe report keeps it) and the directory is kept for inspection.
 */
final class Nodes implements AfterEachCallback {
  private final List<Node> nodes = new ArrayList<>();
  private Path root;

  /** A started kvstore node (redis-server when substituted, see the package doc). */
  Node kvstore(String name, String... args) throws Exception {
    Node n = Node.kvstore(name, dir(name), args);
    nodes.add(n);
    return n;
  }

  /** A started kvstore node in a given directory (e.g. another node's, to restart it anew). */
  Node kvstoreIn(String name, Path dir, String... args) throws Exception {
    Node n = Node.kvstore(name, dir, args);
    nodes.add(n);
    return n;
  }

  /** A started real redis-server node. */
  Node redis(String name, String... args) throws Exception {
    Node n = Node.redis(name, dir(name), args);
    nodes.add(n);
    return n;
  }

  /** Keeps a node created elsewhere under this test's cleanup. */
  Node track(Node n) {
    nodes.add(n);
    return n;
  }

  Path dir(String name) throws IOException {
    if (root == null) root = Files.createTempDirectory("kvstore-repl-it");
    return root.resolve(name);
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    boolean failed = context.getExecutionException().isPresent();
    if (failed) {
      for (Node n : nodes) {
        String log = n.log();
        String[] lines = log.split("\n");
        int from = Math.max(0, lines.length - 60);
        System.out.println("===== " + n + " log (last " + (lines.length - from) + " lines) =====");
        for (int i = from; i < lines.length; i++) System.out.println(lines[i]);
      }
      System.out.println("node directories kept in " + root);
    }
    for (Node n : nodes) {
      try {
        n.close();
      } catch (Exception e) {
        System.out.println("stopping " + n + ": " + e);
      }
    }
    nodes.clear();
    if (!failed && root != null) {
      try (Stream<Path> files = Files.walk(root)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    root = null;
  }
}
