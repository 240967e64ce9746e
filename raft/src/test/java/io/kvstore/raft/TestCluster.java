package io.kvstore.raft;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** A Raft group of in-JVM members on loopback ports, for tests. */
final class TestCluster implements AutoCloseable {
  final List<Member> members = new ArrayList<>();
  final String peers;

  private TestCluster(Path base, int n, Map<String, String> settings) {
    StringBuilder sb = new StringBuilder();
    java.util.Set<Integer> ports = new java.util.HashSet<>();
    for (int i = 1; i <= n; i++) {
      int port = freePort();
      while (!ports.add(port)) port = freePort(); // the kernel may hand a just-closed port out again
      if (sb.length() > 0) sb.append(',');
      sb.append("n").append(i).append("=127.0.0.1:").append(port);
    }
    peers = sb.toString();
    for (int i = 1; i <= n; i++) {
      Member m = new Member("n" + i, base.resolve("n" + i), settings);
      m.set("raft-peers", peers);
      members.add(m);
    }
  }

  static TestCluster start(Path base, int n, Map<String, String> settings) {
    return start(base, n, settings, p -> {});
  }

  static TestCluster start(Path base, int n, Map<String, String> settings,
      java.util.function.Consumer<org.apache.ratis.conf.RaftProperties> tuning) {
    TestCluster c = new TestCluster(base, n, settings);
    for (Member m : c.members) m.tuning = tuning;
    try {
      for (Member m : c.members) m.start();
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
    return c;
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Member member(String id) {
    return members.stream().filter(m -> m.id.equals(id)).findFirst().orElseThrow();
  }

  /** Waits until one running member leads and is ready to serve. */
  Member leader() {
    AtomicReference<Member> found = new AtomicReference<>();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
      for (Member m : members) {
        if (m.running() && m.raft.isLeaderReady()) {
          found.set(m);
          return true;
        }
      }
      return false;
    });
    return found.get();
  }

  List<Member> followers(Member leader) {
    return members.stream().filter(m -> m != leader && m.running()).toList();
  }

  /** Waits until every running member has applied everything the leader committed. */
  void awaitConverged() {
    Member l = leader();
    long commit = l.raft.status().commitIndex();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() ->
        members.stream().filter(Member::running).allMatch(m -> m.raft.status().appliedIndex() >= commit));
  }

  @Override
  public void close() {
    for (Member m : members) {
      try {
        m.stop();
      } catch (RuntimeException e) {
        System.err.println("stopping " + m.id + ": " + e);
      }
    }
  }
}
