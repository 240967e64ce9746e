package io.kvstore.it.sentinel;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import redis.clients.jedis.Jedis;

/**
 * A monitored group: one master, its replicas and the sentinels watching them as "mymaster".
 * A background watcher polls every sentinel's SENTINEL MASTER and records which address each
 * configuration epoch named, so a test can check that no epoch ever had two masters.
 */
final class Group implements AutoCloseable {
  final List<DataNode> nodes = new ArrayList<>();
  final List<SentinelNode> sentinels = new ArrayList<>();
  private final Map<Long, Set<String>> epochs = new TreeMap<>();
  private volatile boolean watching;
  private Thread watcher;

  /** Data nodes: redis-server on {@code firstPort}.. or kvstore nodes; node 0 is the master. */
  static Group start(Path dir, boolean kvstoreNodes, int replicas, int firstPort) throws Exception {
    Group g = new Group();
    try {
      for (int i = 0; i <= replicas; i++) {
        String name = "node" + i;
        DataNode n = kvstoreNodes ? DataNode.kvstore(name, dir.resolve(name))
            : DataNode.redis(name, dir.resolve(name), firstPort + i);
        g.nodes.add(n);
        n.start(i == 0 ? null : g.nodes.get(0));
      }
      try {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
          for (int i = 1; i <= replicas; i++) if (!g.nodes.get(i).replicatesFrom(g.nodes.get(0))) return false;
          return true;
        });
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError("the replicas did not link up with " + g.nodes.get(0) + ":\n" + g.state(), e);
      }
    } catch (Exception | Error e) {
      g.close();
      throw e;
    }
    return g;
  }

  SentinelNode addSentinel(SentinelNode s) throws Exception {
    sentinels.add(s);
    s.start();
    return s;
  }

  /** Waits until every sentinel knows every replica and every other sentinel. */
  void awaitDiscovery() {
    int replicas = nodes.size() - 1;
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      for (SentinelNode s : sentinels) {
        Map<String, String> m = master(s);
        if (m == null || Integer.parseInt(m.get("num-slaves")) < replicas
            || Integer.parseInt(m.get("num-other-sentinels")) < sentinels.size() - 1) {
          return false;
        }
      }
      return true;
    });
  }

  static Map<String, String> master(SentinelNode s) {
    try (Jedis j = s.jedis()) {
      return j.sentinelMaster("mymaster");
    } catch (RuntimeException e) {
      return null;
    }
  }

  DataNode node(String addr) {
    for (DataNode n : nodes) if (n.addr().equals(addr)) return n;
    throw new AssertionError("no node at " + addr);
  }

  /** The master address every running sentinel agrees on, or null while they disagree. */
  String agreedMaster(List<SentinelNode> among) {
    String addr = null;
    for (SentinelNode s : among) {
      String a = s.masterAddr();
      if (a == null || (addr != null && !addr.equals(a))) return null;
      addr = a;
    }
    return addr;
  }

  void startWatching() {
    watching = true;
    watcher = new Thread(() -> {
      while (watching) {
        for (SentinelNode s : List.copyOf(sentinels)) {
          Map<String, String> m = master(s);
          if (m == null) continue;
          // the address a sentinel publishes with an epoch: its current master's
          String addr = m.get("ip") + ":" + m.get("port");
          if (m.containsKey("failover-state")) continue; // mid-failover: old address, new epoch
          synchronized (epochs) {
            epochs.computeIfAbsent(Long.parseLong(m.get("config-epoch")), k -> new HashSet<>()).add(addr);
          }
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "epoch-watcher");
    watcher.setDaemon(true);
    watcher.start();
  }

  /** Configuration epoch → master addresses seen with it. */
  Map<Long, Set<String>> epochs() {
    synchronized (epochs) {
      return new TreeMap<>(epochs);
    }
  }

  /** Every data node's INFO replication and the end of its log, for a failure message. */
  String state() {
    StringBuilder sb = new StringBuilder();
    for (DataNode n : nodes) {
      String log = n.log();
      sb.append("==== ").append(n).append(' ').append(n.replication()).append('\n')
          .append(log, Math.max(0, log.length() - 3000), log.length()).append('\n');
    }
    return sb.toString();
  }

  String logs() {
    StringBuilder sb = new StringBuilder();
    for (SentinelNode s : sentinels) sb.append("==== ").append(s).append('\n').append(s.log());
    return sb.toString();
  }

  @Override
  public void close() throws Exception {
    watching = false;
    if (watcher != null) watcher.interrupt();
    for (SentinelNode s : sentinels) s.close();
    for (DataNode n : nodes) n.close();
  }
}
