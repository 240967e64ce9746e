package io.kvstore.bench.cluster;

import io.kvstore.bench.client.Endpoint;
import io.kvstore.bench.client.Router;
import io.kvstore.bench.client.SentinelRouter;
import io.kvstore.bench.net.TcpProxy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.HostAndPort;

/**
 * The async mode as Redis runs it: one master, two replicas and three Sentinels (quorum 2), each
 * a kvstore process with a config file in its own directory.
 *
 * <p>Every member-to-member link goes through a {@link TcpProxy} in front of the member it
 * connects to: each node announces its proxy's port ({@code replica-announce-port}), replicas
 * replicate from the master's proxy and Sentinel monitors the proxies, so Sentinel's view,
 * failover reconfiguration and replication all use proxied addresses, while clients connect to
 * each node directly. Isolating a node blocks its proxy: nothing in the cluster reaches it (a
 * master opens no links of its own), yet clients still do, the split-brain case.
 */
public final class AsyncCluster implements Cluster {
  public static final String MASTER_NAME = "mymaster";

  /** Timing and extra configuration. */
  public record Settings(int downAfterMs, int failoverTimeoutMs, Map<String, String> nodeConfig) {
    public Settings {
      nodeConfig = Map.copyOf(nodeConfig);
    }
  }

  private final Path dir;
  private final Launcher launcher;
  private final Ports ports;
  private final Settings settings;
  private final Map<String, NodeProcess> nodes = new LinkedHashMap<>();
  private final Map<String, TcpProxy> proxies = new LinkedHashMap<>();
  private final List<NodeProcess> sentinels = new ArrayList<>();

  public AsyncCluster(Path dir, Launcher launcher, Ports ports, Settings settings) {
    this.dir = dir;
    this.launcher = launcher;
    this.ports = ports;
    this.settings = settings;
  }

  @Override
  public String describe() {
    return "async: master + 2 replicas + 3 sentinels (down-after " + settings.downAfterMs() + " ms)"
        + (settings.nodeConfig().isEmpty() ? "" : " " + settings.nodeConfig());
  }

  @Override
  public void start() throws Exception {
    Files.createDirectories(dir);
    for (int i = 1; i <= 3; i++) {
      String id = "n" + i;
      int port = ports.next();
      TcpProxy proxy = new TcpProxy(id, new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", port));
      proxies.put(id, proxy);
      Path nodeDir = dir.resolve(id);
      Files.createDirectories(nodeDir);
      Files.writeString(nodeDir.resolve("kvstore.conf"), nodeConfig(nodeDir, port, proxy.port(), i == 1));
      nodes.put(id, new NodeProcess(id, launcher.server(List.of(), List.of(nodeDir.resolve("kvstore.conf").toString())),
          nodeDir, port));
    }
    for (NodeProcess n : nodes.values()) {
      n.start();
    }
    for (NodeProcess n : nodes.values()) {
      awaitPing(n, Duration.ofSeconds(60));
    }
    awaitReplication(Duration.ofSeconds(60));
    for (int i = 1; i <= 3; i++) {
      String id = "s" + i;
      int port = ports.next();
      Path sdir = dir.resolve(id);
      Files.createDirectories(sdir);
      Path conf = sdir.resolve("sentinel.conf");
      Files.writeString(conf, sentinelConfig(sdir, port));
      NodeProcess s = new NodeProcess(id, launcher.sentinel(List.of(conf.toString())), sdir, port);
      sentinels.add(s);
      s.start();
    }
    for (NodeProcess s : sentinels) {
      awaitPing(s, Duration.ofSeconds(60));
    }
    awaitSentinels(Duration.ofSeconds(60));
  }

  private String nodeConfig(Path nodeDir, int port, int proxyPort, boolean master) {
    StringBuilder sb = new StringBuilder();
    sb.append("port ").append(port).append('\n');
    sb.append("bind 127.0.0.1\n");
    sb.append("grpc-port 0\n");
    sb.append("dir ").append(nodeDir).append('\n');
    sb.append("logfile ").append(nodeDir.resolve("kvstore.log")).append('\n');
    sb.append("save \"\"\n");
    sb.append("replica-announce-ip 127.0.0.1\n");
    sb.append("replica-announce-port ").append(proxyPort).append('\n');
    sb.append("repl-timeout 5\n");
    sb.append("repl-ping-replica-period 1\n");
    sb.append("repl-diskless-sync-delay 0\n");
    for (Map.Entry<String, String> e : settings.nodeConfig().entrySet()) {
      sb.append(e.getKey()).append(' ').append(e.getValue()).append('\n');
    }
    if (!master) {
      sb.append("replicaof 127.0.0.1 ").append(proxies.get("n1").port()).append('\n');
    }
    return sb.toString();
  }

  private String sentinelConfig(Path sdir, int port) {
    int masterProxy = proxies.get("n1").port();
    return "port " + port + "\n"
        + "bind 127.0.0.1\n"
        + "dir " + sdir + "\n"
        + "logfile " + sdir.resolve("sentinel.log") + "\n"
        + "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + masterProxy + " 2\n"
        + "sentinel down-after-milliseconds " + MASTER_NAME + " " + settings.downAfterMs() + "\n"
        + "sentinel failover-timeout " + MASTER_NAME + " " + settings.failoverTimeoutMs() + "\n"
        + "sentinel parallel-syncs " + MASTER_NAME + " 2\n";
  }

  private static void awaitPing(NodeProcess n, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!n.isAlive()) {
        throw new IllegalStateException(n.id() + " exited during startup:\n" + n.outputTail(3000));
      }
      if (Probe.ping(n.port(), 1000)) {
        return;
      }
      Probe.pause(100);
    }
    throw new IllegalStateException(n.id() + " did not answer PING in " + timeout + ":\n" + n.outputTail(3000));
  }

  private void awaitReplication(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      boolean up = true;
      for (NodeProcess n : nodes.values()) {
        if (n.id().equals("n1")) {
          continue;
        }
        Map<String, String> info = Probe.info(n.port(), "replication", 1000);
        up &= info != null && "up".equals(info.get("master_link_status"));
      }
      if (up) {
        return;
      }
      Probe.pause(200);
    }
    throw new IllegalStateException("replicas did not connect to the master in " + timeout);
  }

  private void awaitSentinels(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      boolean ready = true;
      for (NodeProcess s : sentinels) {
        Map<String, String> m = Probe.sentinelMasterState(s.port(), MASTER_NAME, 1000);
        if (m == null) {
          ready = false;
          last = s.id() + " does not answer";
          continue;
        }
        boolean ok = "2".equals(m.get("num-slaves")) && "2".equals(m.get("num-other-sentinels"))
            && "master".equals(m.get("flags"));
        if (!ok) {
          last = s.id() + ": " + m;
        }
        ready &= ok;
      }
      if (ready) {
        return;
      }
      Probe.pause(250);
    }
    throw new IllegalStateException("sentinels did not discover the cluster in " + timeout + "; last: " + last);
  }

  @Override
  public List<String> nodes() {
    return new ArrayList<>(nodes.keySet());
  }

  private List<HostAndPort> sentinelAddresses() {
    List<HostAndPort> out = new ArrayList<>();
    for (NodeProcess s : sentinels) {
      out.add(new HostAndPort("127.0.0.1", s.port()));
    }
    return out;
  }

  /** The member behind a proxied address Sentinel reports. */
  private String nodeAt(HostAndPort announced) {
    for (Map.Entry<String, TcpProxy> e : proxies.entrySet()) {
      if (e.getValue().port() == announced.getPort()) {
        return e.getKey();
      }
    }
    return null;
  }

  @Override
  public String primary() {
    for (NodeProcess s : sentinels) {
      if (!s.isAlive() || s.isPaused()) {
        continue;
      }
      HostAndPort m = Probe.sentinelMaster("127.0.0.1", s.port(), MASTER_NAME, 500);
      if (m != null) {
        return nodeAt(m);
      }
    }
    return null;
  }

  @Override
  public Router router() {
    return new SentinelRouter(sentinelAddresses(), MASTER_NAME, hp -> {
      String id = nodeAt(hp);
      return id == null ? null : new Endpoint(id, "127.0.0.1", nodes.get(id).port());
    }, 100);
  }

  @Override
  public void kill(String node) {
    nodes.get(node).kill();
  }

  @Override
  public void restart(String node) throws IOException {
    NodeProcess n = nodes.get(node);
    n.start();
  }

  @Override
  public void pause(String node) {
    nodes.get(node).pause();
  }

  @Override
  public void resume(String node) {
    nodes.get(node).resume();
  }

  @Override
  public void isolate(String node) {
    proxies.get(node).block();
  }

  @Override
  public void heal() {
    for (TcpProxy p : proxies.values()) {
      p.unblock();
    }
  }

  @Override
  public String awaitHealthy(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String problem = "no answer yet";
    while (System.nanoTime() < deadline) {
      problem = healthProblem();
      if (problem == null) {
        return null;
      }
      Probe.pause(250);
    }
    return problem;
  }

  private String healthProblem() {
    String master = null;
    for (NodeProcess s : sentinels) {
      HostAndPort m = Probe.sentinelMaster("127.0.0.1", s.port(), MASTER_NAME, 1000);
      String id = m == null ? null : nodeAt(m);
      if (id == null) {
        return s.id() + " names no master";
      }
      if (master != null && !master.equals(id)) {
        return "sentinels disagree on the master (" + master + ", " + id + ")";
      }
      master = id;
    }
    Map<String, String> mi = Probe.info(nodes.get(master).port(), "replication", 1000);
    if (mi == null || !"master".equals(mi.get("role"))) {
      return master + " is not a master yet";
    }
    long offset = Long.parseLong(mi.getOrDefault("master_repl_offset", "0"));
    int masterProxy = proxies.get(master).port();
    for (NodeProcess n : nodes.values()) {
      if (n.id().equals(master)) {
        continue;
      }
      Map<String, String> ri = Probe.info(n.port(), "replication", 1000);
      if (ri == null) {
        return n.id() + " does not answer";
      }
      if (!"slave".equals(ri.get("role")) || !Integer.toString(masterProxy).equals(ri.get("master_port"))
          || !"up".equals(ri.get("master_link_status"))) {
        return n.id() + " does not replicate " + master + " yet";
      }
      long ro = Long.parseLong(ri.getOrDefault("slave_repl_offset", "0"));
      if (ro < offset) {
        return n.id() + " is behind " + master;
      }
    }
    return null;
  }

  @Override
  public List<Path> logs() {
    List<Path> out = new ArrayList<>();
    for (NodeProcess n : nodes.values()) {
      out.add(n.dir().resolve("kvstore.log"));
    }
    for (NodeProcess s : sentinels) {
      out.add(s.dir().resolve("sentinel.log"));
    }
    return out;
  }

  @Override
  public void close() {
    heal();
    for (NodeProcess s : sentinels) {
      s.stop(Duration.ofSeconds(5));
    }
    for (NodeProcess n : nodes.values()) {
      n.stop(Duration.ofSeconds(10));
    }
    for (TcpProxy p : proxies.values()) {
      p.close();
    }
  }
}
