package io.kvstore.bench.cluster;

import io.kvstore.bench.client.Endpoint;
import io.kvstore.bench.client.Router;
import io.kvstore.bench.client.SpreadRouter;
import io.kvstore.bench.net.TcpProxy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The raft mode: three kvstore nodes in one Raft group, with a {@link TcpProxy} on every
 * directed peer link.
 *
 * <p>A Raft node binds its own entry of {@code raft-peers} and dials the others' entries, and
 * the membership (addresses included) is replicated through the log, so every node must see the
 * same address strings. The peers are therefore named by host name ({@code kvn1:port}) and each
 * node's JVM resolves names through its own hosts file ({@code -Djdk.net.hosts.file}): node i
 * resolves its own name to 127.0.0.1, where it binds, and node j's name to 127.0.i.j, where the
 * proxy of link i→j listens on node j's port and forwards to 127.0.0.1. Each connection thus
 * passes through the proxy of the one directed link it belongs to, and isolating a node blocks
 * the links from and to it, in both directions, while clients keep reaching its RESP port.
 */
public final class RaftCluster implements Cluster {
  /** Raft settings for every node, e.g. {@code raft-read-mode lease}. */
  public record Settings(Map<String, String> nodeConfig) {
    public Settings {
      nodeConfig = Map.copyOf(nodeConfig);
    }
  }

  private static final int NODES = 3;

  private final Path dir;
  private final Launcher launcher;
  private final Ports ports;
  private final Settings settings;
  private final Map<String, NodeProcess> nodes = new LinkedHashMap<>();
  private final Map<String, TcpProxy> links = new LinkedHashMap<>();

  public RaftCluster(Path dir, Launcher launcher, Ports ports, Settings settings) {
    this.dir = dir;
    this.launcher = launcher;
    this.ports = ports;
    this.settings = settings;
  }

  @Override
  public String describe() {
    return "raft: 3 nodes " + settings.nodeConfig();
  }

  private static String host(int i) {
    return "kvn" + i;
  }

  @Override
  public void start() throws Exception {
    Files.createDirectories(dir);
    int[] resp = new int[NODES + 1];
    int[] raft = new int[NODES + 1];
    StringBuilder peers = new StringBuilder();
    for (int i = 1; i <= NODES; i++) {
      resp[i] = ports.next();
      raft[i] = ports.next();
      peers.append(i > 1 ? "," : "").append("n").append(i).append('=').append(host(i)).append(':').append(raft[i]);
    }
    for (int i = 1; i <= NODES; i++) {
      for (int j = 1; j <= NODES; j++) {
        if (i != j) {
          links.put(i + ">" + j, new TcpProxy("n" + i + ">n" + j, new InetSocketAddress(linkAddress(i, j), raft[j]),
              new InetSocketAddress("127.0.0.1", raft[j])));
        }
      }
    }
    String localName = localHostName();
    for (int i = 1; i <= NODES; i++) {
      String id = "n" + i;
      Path nodeDir = dir.resolve(id);
      Files.createDirectories(nodeDir);
      StringBuilder hosts = new StringBuilder("127.0.0.1 localhost");
      if (localName != null) {
        hosts.append(' ').append(localName);
      }
      hosts.append('\n');
      for (int j = 1; j <= NODES; j++) {
        hosts.append(i == j ? "127.0.0.1" : linkAddress(i, j).getHostAddress()).append(' ').append(host(j)).append('\n');
      }
      Path hostsFile = nodeDir.resolve("hosts");
      Files.writeString(hostsFile, hosts.toString());
      Path conf = nodeDir.resolve("kvstore.conf");
      Files.writeString(conf, nodeConfig(nodeDir, id, resp[i], peers.toString()));
      nodes.put(id, new NodeProcess(id, launcher.server(List.of("-Djdk.net.hosts.file=" + hostsFile),
          List.of(conf.toString())), nodeDir, resp[i]));
    }
    for (NodeProcess n : nodes.values()) {
      n.start();
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    for (NodeProcess n : nodes.values()) {
      while (!Probe.ping(n.port(), 1000)) {
        if (!n.isAlive()) {
          throw new IllegalStateException(n.id() + " exited during startup:\n" + n.outputTail(3000));
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(n.id() + " did not answer PING:\n" + n.outputTail(3000));
        }
        Probe.pause(100);
      }
    }
    String problem = awaitHealthy(Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000_000L)));
    if (problem != null) {
      throw new IllegalStateException("the raft group did not elect a leader: " + problem);
    }
  }

  private static InetAddress linkAddress(int from, int to) {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, (byte) from, (byte) to});
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String localHostName() {
    try {
      String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
      return name.isEmpty() ? null : name;
    } catch (IOException e) {
      return null;
    }
  }

  private String nodeConfig(Path nodeDir, String id, int port, String peers) {
    StringBuilder sb = new StringBuilder();
    sb.append("port ").append(port).append('\n');
    sb.append("bind 127.0.0.1\n");
    sb.append("grpc-port 0\n");
    sb.append("dir ").append(nodeDir).append('\n');
    sb.append("logfile ").append(nodeDir.resolve("kvstore.log")).append('\n');
    sb.append("save \"\"\n");
    sb.append("replication-mode raft\n");
    sb.append("raft-id ").append(id).append('\n');
    sb.append("raft-peers ").append(peers).append('\n');
    for (Map.Entry<String, String> e : settings.nodeConfig().entrySet()) {
      sb.append(e.getKey()).append(' ').append(e.getValue()).append('\n');
    }
    return sb.toString();
  }

  @Override
  public List<String> nodes() {
    return new ArrayList<>(nodes.keySet());
  }

  /** The leader most reachable nodes name, or null. */
  @Override
  public String primary() {
    Map<String, Integer> votes = new HashMap<>();
    for (NodeProcess n : nodes.values()) {
      if (!n.isAlive() || n.isPaused()) {
        continue;
      }
      Map<String, String> info = Probe.info(n.port(), "raft", 500);
      String leader = info == null ? null : info.get("raft_leader_id");
      if (leader != null && !leader.isEmpty()) {
        votes.merge(leader, 1, Integer::sum);
      }
    }
    return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
  }

  @Override
  public Router router() {
    List<Endpoint> eps = new ArrayList<>();
    for (NodeProcess n : nodes.values()) {
      eps.add(new Endpoint(n.id(), "127.0.0.1", n.port()));
    }
    return new SpreadRouter(eps);
  }

  @Override
  public void kill(String node) {
    nodes.get(node).kill();
  }

  @Override
  public void restart(String node) throws IOException {
    nodes.get(node).start();
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
    String n = node.substring(1);
    for (Map.Entry<String, TcpProxy> e : links.entrySet()) {
      String[] ends = e.getKey().split(">");
      if (ends[0].equals(n) || ends[1].equals(n)) {
        e.getValue().block();
      }
    }
  }

  @Override
  public void heal() {
    for (TcpProxy p : links.values()) {
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
    String leader = null;
    long leaderCommit = -1;
    Map<String, Long> applied = new HashMap<>();
    for (NodeProcess n : nodes.values()) {
      Map<String, String> info = Probe.info(n.port(), "raft", 1000);
      if (info == null) {
        return n.id() + " does not answer";
      }
      String l = info.get("raft_leader_id");
      if (l == null || l.isEmpty()) {
        return n.id() + " knows no leader";
      }
      if (leader != null && !leader.equals(l)) {
        return "nodes disagree on the leader (" + leader + ", " + l + ")";
      }
      leader = l;
      if (n.id().equals(l)) {
        if (!"1".equals(info.get("raft_leader_ready"))) {
          return l + " is not ready to serve yet";
        }
        leaderCommit = Long.parseLong(info.getOrDefault("raft_commit_index", "-1"));
      }
      applied.put(n.id(), Long.parseLong(info.getOrDefault("raft_applied_index", "-1")));
    }
    for (Map.Entry<String, Long> e : applied.entrySet()) {
      if (e.getValue() < leaderCommit) {
        return e.getKey() + " has not applied the leader's commit index yet";
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
    return out;
  }

  @Override
  public void close() {
    heal();
    for (NodeProcess n : nodes.values()) {
      n.stop(Duration.ofSeconds(10));
    }
    for (TcpProxy p : links.values()) {
      p.close();
    }
  }
}
