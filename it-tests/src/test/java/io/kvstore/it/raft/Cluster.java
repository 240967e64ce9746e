package io.kvstore.it.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kvstore.bench.cluster.Ports;
import io.kvstore.bench.net.TcpProxy;
import io.kvstore.it.KvstoreProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipFile;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Up to four raft-mode kvstore processes on loopback, with a fault-injecting {@link TcpProxy} on
 * every directed Raft link, so a member can be cut off from the others while its clients still
 * reach its RESP port.
 *
 * <p>A Raft node binds its own entry of the membership and dials the others' entries, and every
 * node must know the same address strings. So members are named by host ({@code kvn<i>:port})
 * and each JVM resolves names through its own hosts file ({@code -Djdk.net.hosts.file}): its own
 * name is 127.0.0.1, where it binds, and member j's name is 127.0.i.j, where the proxy of the
 * link i→j listens on j's Raft port and forwards to 127.0.0.1. The processes run a private copy
 * of the server jar, so a rebuild meanwhile cannot hand a restarted member a half-written file.
 */
final class Cluster implements AutoCloseable {
  static final int SLOTS = 4;

  private final Path dir;
  private final Map<String, String> settings;
  private final Map<Integer, Member> members = new LinkedHashMap<>();
  private final Map<String, TcpProxy> links = new LinkedHashMap<>();
  /** Kills the processes if the test JVM exits without closing the cluster. */
  private final Thread exitHook = new Thread(() -> members.values().forEach(Member::destroyNow), "raft-it-exit");

  /** Prepares the slots (ports, proxies, hosts files); starts nothing. */
  Cluster(Path dir, Map<String, String> settings) throws IOException, InterruptedException {
    this.dir = dir;
    this.settings = Map.copyOf(settings);
    Files.createDirectories(dir);
    Path jar = privateJar(dir);
    Ports ports = new Ports();
    int[] resp = new int[SLOTS + 1];
    int[] raft = new int[SLOTS + 1];
    for (int i = 1; i <= SLOTS; i++) {
      resp[i] = ports.next();
      raft[i] = ports.next();
    }
    for (int i = 1; i <= SLOTS; i++) {
      for (int j = 1; j <= SLOTS; j++) {
        if (i == j) continue;
        links.put(i + ">" + j, new TcpProxy("n" + i + ">n" + j,
            new InetSocketAddress(linkAddress(i, j), raft[j]), new InetSocketAddress("127.0.0.1", raft[j])));
      }
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    for (int i = 1; i <= SLOTS; i++) {
      Path nodeDir = dir.resolve("n" + i);
      Files.createDirectories(nodeDir);
      StringBuilder hosts = new StringBuilder("127.0.0.1 localhost\n");
      for (int j = 1; j <= SLOTS; j++) {
        String address = i == j ? "127.0.0.1" : linkAddress(i, j).getHostAddress();
        hosts.append(address).append(' ').append(host(j)).append('\n');
      }
      Path hostsFile = nodeDir.resolve("hosts");
      Files.writeString(hostsFile, hosts.toString());
      List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx768m", "-XX:+UseParallelGC",
          "-XX:MaxNewSize=64m", "-XX:TieredStopAtLevel=1", "-Xss512k", "-Dio.netty.leakDetection.level=disabled",
          "-Djdk.net.hosts.file=" + hostsFile));
      // a failed log appender (leader side) is a warning; failure messages quote it
      cmd.add("-Dorg.slf4j.simpleLogger.log.org.apache.ratis.server.leader=warn");
      String ratisLog = System.getProperty("raft.it.ratis.log"); // e.g. info, to diagnose a failure
      if (ratisLog != null) {
        cmd.add("-Dorg.slf4j.simpleLogger.log.org.apache.ratis=" + ratisLog);
        cmd.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
      }
      cmd.addAll(List.of("-jar", jar.toString(), "server", nodeDir.resolve("kvstore.conf").toString()));
      members.put(i, new Member(i, nodeDir, resp[i], raft[i], cmd));
    }
    Runtime.getRuntime().addShutdownHook(exitHook);
  }

  static String host(int slot) {
    return "kvn" + slot;
  }

  private static InetAddress linkAddress(int from, int to) {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, (byte) from, (byte) to});
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  Member member(int slot) {
    return members.get(slot);
  }

  /** The members of slots 1..n. */
  List<Member> first(int n) {
    List<Member> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) out.add(members.get(i));
    return out;
  }

  /** Starts slots 1..n as the initial group and waits until it has a ready leader every member applied up to. */
  List<Member> startGroup(int n) throws IOException {
    List<Member> group = first(n);
    StringBuilder peers = new StringBuilder();
    for (Member m : group) {
      peers.append(peers.length() > 0 ? "," : "").append(m.id()).append('=').append(m.raftAddress());
    }
    for (Member m : group) {
      writeConfig(m, peers.toString(), false);
      m.start();
    }
    awaitUp(group);
    awaitConverged(group);
    return group;
  }

  /** Starts a slot outside the group ({@code raft-join yes}), to be added with RAFT ADD. */
  Member startJoiner(int slot) throws IOException {
    Member m = members.get(slot);
    writeConfig(m, m.id() + "=" + m.raftAddress(), true);
    m.start();
    awaitUp(List.of(m));
    return m;
  }

  private void writeConfig(Member m, String peers, boolean join) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("port ").append(m.port()).append('\n');
    sb.append("bind 127.0.0.1\n");
    sb.append("grpc-port 0\n");
    sb.append("dir ").append(m.dir()).append('\n');
    sb.append("logfile ").append(m.dir().resolve("kvstore.log")).append('\n');
    sb.append("save \"\"\n");
    sb.append("replication-mode raft\n");
    sb.append("raft-id ").append(m.id()).append('\n');
    sb.append("raft-peers ").append(peers).append('\n');
    if (join) sb.append("raft-join yes\n");
    for (Map.Entry<String, String> e : settings.entrySet()) {
      sb.append(e.getKey()).append(' ').append(e.getValue()).append('\n');
    }
    Files.writeString(m.configFile(), sb.toString());
  }

  /** Waits until every given (started) member answers PING. */
  void awaitUp(Collection<Member> ms) {
    for (Member m : ms) {
      await("PING on " + m.id()).atMost(Duration.ofSeconds(90)).pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(200))
          .until(m::up);
    }
  }

  /** Cuts every Raft link from and to {@code m}, in both directions (bytes are held, not reset). */
  void isolate(Member m) {
    for (Map.Entry<String, TcpProxy> e : links.entrySet()) {
      String[] ends = e.getKey().split(">");
      if (ends[0].equals(Integer.toString(m.slot())) || ends[1].equals(Integer.toString(m.slot()))) {
        e.getValue().block();
      }
    }
  }

  void heal() {
    for (TcpProxy p : links.values()) p.unblock();
  }

  /**
   * Waits until the given members all name one leader among themselves that is ready to serve
   * (its first entry of the term applied); returns it.
   */
  Member awaitLeader(Collection<Member> among) {
    AtomicReference<Member> leader = new AtomicReference<>();
    explained(() -> await("a leader among " + among).atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertThat(leaderProblem(among, leader)).isNull()));
    return leader.get();
  }

  /** As {@link #awaitLeader}, and every given member has applied the leader's commit index. */
  Member awaitConverged(Collection<Member> ms) {
    explained(() -> await("convergence of " + ms).atMost(Duration.ofSeconds(90)).pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertThat(convergenceProblem(ms)).isNull()));
    return awaitLeader(ms);
  }

  /** Runs a wait; if it times out, fails with every member's Raft state and notable log lines. */
  void explained(Runnable wait) {
    try {
      wait.run();
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(e.getMessage() + "\n" + diagnosis(), e);
    }
  }

  /** INFO raft of every running member and the Raft failures their logs show. */
  String diagnosis() {
    StringBuilder sb = new StringBuilder();
    for (Member m : members.values()) {
      if (!m.isAlive()) continue;
      Map<String, String> info = m.info();
      sb.append(m.id()).append(": ").append(info == null ? "no answer" : info.entrySet().stream()
          .filter(e -> e.getKey().matches("raft_(role|term|leader_id|commit_index|applied_index|snapshot_index"
              + "|members)"))
          .map(e -> e.getKey().substring(5) + "=" + e.getValue()).toList()).append('\n');
      for (String l : notableLines(m.dir().resolve("output.log"), 8)) {
        sb.append("  ").append(l.length() > 300 ? l.substring(0, 300) + "..." : l).append('\n');
      }
    }
    return sb.toString();
  }

  private String leaderProblem(Collection<Member> among, AtomicReference<Member> found) {
    String leader = null;
    for (Member m : among) {
      Map<String, String> info = m.info();
      if (info == null) return m.id() + " does not answer INFO";
      String l = info.getOrDefault("raft_leader_id", "");
      if (l.isEmpty()) return m.id() + " knows no leader";
      if (leader != null && !leader.equals(l)) return "members disagree on the leader: " + leader + ", " + l;
      leader = l;
    }
    String id = leader;
    Member lm = among.stream().filter(m -> m.id().equals(id)).findFirst().orElse(null);
    if (lm == null) return "the leader " + leader + " is not among " + among;
    Map<String, String> info = lm.info();
    if (info == null) return "the leader " + id + " does not answer INFO";
    if (!"leader".equals(info.get("raft_role"))) return id + " is not in the leader role yet";
    if (!"1".equals(info.get("raft_leader_ready"))) return "the leader " + id + " is not ready yet";
    found.set(lm);
    return null;
  }

  private String convergenceProblem(Collection<Member> ms) {
    String p = leaderProblem(ms, new AtomicReference<>());
    if (p != null) return p;
    // the leader's commit first, then every member's applied index: under load both keep
    // growing, and a member asked before the leader would always look behind
    long commit = -1;
    for (Member m : ms) {
      Map<String, String> info = m.info();
      if (info == null) return m.id() + " does not answer INFO";
      if (m.id().equals(info.get("raft_leader_id"))) commit = Long.parseLong(info.get("raft_commit_index"));
    }
    Map<String, Long> applied = new LinkedHashMap<>();
    for (Member m : ms) {
      Map<String, String> info = m.info();
      if (info == null) return m.id() + " does not answer INFO";
      applied.put(m.id(), Long.parseLong(info.get("raft_applied_index")));
    }
    for (Map.Entry<String, Long> e : applied.entrySet()) {
      if (e.getValue() < commit) return e.getKey() + " applied " + e.getValue() + " < leader commit " + commit;
    }
    return null;
  }

  /**
   * The last {@code max} lines of a server's output about failed log appenders and errors (other
   * than a client request's failure), each with the exception line after it.
   */
  private static List<String> notableLines(Path log, int max) {
    List<String> lines;
    try {
      lines = Files.readAllLines(log);
    } catch (IOException e) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      boolean notable = l.contains("LogAppenderDaemon") || l.contains("skipping restart")
          || l.startsWith("ERROR") && !l.contains("OrderedAsync");
      if (!notable) continue;
      out.add(l);
      if (i + 1 < lines.size() && !lines.get(i + 1).matches("(INFO|WARN|ERROR|DEBUG) .*|\\d+ .*")) {
        out.add("  " + lines.get(i + 1).trim());
      }
    }
    return out.subList(Math.max(0, out.size() - max), out.size());
  }

  /** Every member's log tail, for failure messages. */
  String logs() {
    StringBuilder sb = new StringBuilder();
    for (Member m : members.values()) sb.append(m.logTail(3000));
    return sb.toString();
  }

  @Override
  public void close() {
    heal();
    for (Member m : members.values()) {
      try {
        m.kill();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        // keep stopping the others
      }
    }
    for (TcpProxy p : links.values()) p.close();
    try {
      Runtime.getRuntime().removeShutdownHook(exitHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
  }

  /** A private copy of the shaded server jar (retried while a rebuild leaves it unreadable). */
  private static Path privateJar(Path dir) throws IOException, InterruptedException {
    Path source = KvstoreProcess.jar();
    Path copy = dir.resolve("kvstore.jar");
    for (int attempt = 0; ; attempt++) {
      Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
      if (valid(copy)) return copy;
      if (attempt > 60) throw new IllegalStateException("the jar stays unreadable: " + source);
      Thread.sleep(2000);
    }
  }

  private static boolean valid(Path jar) {
    try (ZipFile z = new ZipFile(jar.toFile())) {
      return z.getEntry("io/kvstore/server/cli/Main.class") != null
          && z.getEntry("io/kvstore/raft/RaftNode.class") != null;
    } catch (IOException e) {
      return false;
    }
  }
}
