package io.kvstore.it.sentinel;

import io.kvstore.it.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;

/**
 * A sentinel process: kvstore's ({@code java -jar kvstore.jar sentinel <conf>}) or Redis's
 * {@code redis-sentinel <conf>}, on a fixed port, with its config file in its own directory
 * (the sentinel rewrites it). Can be killed, stopped with SIGSTOP and continued, restarted.
 */
final class SentinelNode implements AutoCloseable {
  final String name;
  final boolean kvstore;
  final int port;
  final Path dir;
  private Process process;

  private SentinelNode(String name, boolean kvstore, int port, Path dir) {
    this.name = name;
    this.kvstore = kvstore;
    this.port = port;
    this.dir = dir;
  }

  /** A sentinel monitoring {@code master} as "mymaster" with the given quorum and timings. */
  static SentinelNode create(String name, boolean kvstore, int port, Path dir, DataNode master,
      int quorum, long downAfterMs, long failoverTimeoutMs, String... extraLines) throws IOException {
    Files.createDirectories(dir);
    StringBuilder conf = new StringBuilder();
    conf.append("port ").append(port).append('\n');
    conf.append("bind 127.0.0.1\n");
    conf.append("sentinel monitor mymaster 127.0.0.1 ").append(master.port()).append(' ')
        .append(quorum).append('\n');
    conf.append("sentinel down-after-milliseconds mymaster ").append(downAfterMs).append('\n');
    conf.append("sentinel failover-timeout mymaster ").append(failoverTimeoutMs).append('\n');
    for (String l : extraLines) conf.append(l).append('\n');
    Files.writeString(dir.resolve("sentinel.conf"), conf.toString());
    return new SentinelNode(name, kvstore, port, dir);
  }

  /** A sentinel with a config file written by the caller. */
  static SentinelNode withConfig(String name, boolean kvstore, int port, Path dir, String conf)
      throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("sentinel.conf"), conf);
    return new SentinelNode(name, kvstore, port, dir);
  }

  Path configFile() {
    return dir.resolve("sentinel.conf");
  }

  String config() throws IOException {
    return Files.readString(configFile());
  }

  SentinelNode start() throws IOException, InterruptedException {
    List<String> cmd = command();
    process = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("sentinel.log").toFile())).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + log());
      }
      if (Tools.cli(port, "ping").trim().equals("PONG")) return this;
      Thread.sleep(100);
    }
    throw new IllegalStateException(name + " did not answer PING:\n" + log());
  }

  List<String> command() {
    List<String> cmd = new ArrayList<>();
    if (kvstore) {
      cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx256m", "-jar", StableJar.path().toString(), "sentinel", configFile().toString()));
    } else {
      cmd.addAll(List.of(Tools.require("redis-sentinel"), configFile().toString()));
    }
    return cmd;
  }

  /** Runs the sentinel on a config file and returns its exit code and output (bad configs). */
  Tools.Result runToExit() throws IOException, InterruptedException {
    return Tools.run(Duration.ofSeconds(60), null, command().toArray(new String[0]));
  }

  String log() {
    try {
      return Files.readString(dir.resolve("sentinel.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  Jedis jedis() {
    return new Jedis("127.0.0.1", port, 5000);
  }

  String cli(String... args) throws IOException, InterruptedException {
    return Tools.cli(port, args);
  }

  /** The master address this sentinel reports ("ip:port"), or null. */
  String masterAddr() {
    try (Jedis j = jedis()) {
      List<String> a = j.sentinelGetMasterAddrByName("mymaster");
      return a == null || a.isEmpty() ? null : a.get(0) + ":" + a.get(1);
    } catch (RuntimeException e) {
      return null;
    }
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  void kill9() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  void signal(String sig) throws IOException, InterruptedException {
    Tools.run(Duration.ofSeconds(10), null, "kill", "-" + sig, Long.toString(process.pid()));
  }

  @Override
  public void close() throws InterruptedException, IOException {
    if (process != null && process.isAlive()) {
      signal("CONT");
      process.destroyForcibly().waitFor();
    }
  }

  @Override
  public String toString() {
    return name + "@" + port;
  }
}
