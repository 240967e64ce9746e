package io.kvstore.it.raft;

import io.kvstore.bench.cluster.Probe;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.util.SafeEncoder;

/**
 * One raft-mode kvstore server process of a {@link Cluster}: started from a fixed command line
 * (its own hosts file, its own config file, rewritten by the cluster before each start), so it
 * can be killed (SIGKILL), paused (SIGSTOP), resumed (SIGCONT) and started again on the same data.
 */
final class Member {
  private final int slot;
  private final Path dir;
  private final int port;
  private final int raftPort;
  private final List<String> command;
  private volatile Process process;
  private volatile boolean paused;

  Member(int slot, Path dir, int port, int raftPort, List<String> command) {
    this.slot = slot;
    this.dir = dir;
    this.port = port;
    this.raftPort = raftPort;
    this.command = List.copyOf(command);
  }

  String id() {
    return "n" + slot;
  }

  int slot() {
    return slot;
  }

  /** The RESP port clients use (never proxied). */
  int port() {
    return port;
  }

  /** The Raft address every member knows this one by: a host name each JVM resolves itself. */
  String raftAddress() {
    return Cluster.host(slot) + ":" + raftPort;
  }

  int raftPort() {
    return raftPort;
  }

  Path dir() {
    return dir;
  }

  Path configFile() {
    return dir.resolve("kvstore.conf");
  }

  synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  boolean isPaused() {
    return paused;
  }

  synchronized void start() throws IOException {
    if (isAlive()) throw new IllegalStateException(id() + " is already running");
    process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("output.log").toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
    paused = false;
  }

  /** True once the process answers PING; throws if it exited. */
  boolean up() {
    synchronized (this) {
      if (process == null || !process.isAlive()) {
        throw new IllegalStateException(id() + " is not running:\n" + logTail(4000));
      }
    }
    return Probe.ping(port, 1000);
  }

  /** SIGKILL without waiting or locking (from a shutdown hook). */
  void destroyNow() {
    Process p = process;
    if (p != null) p.destroyForcibly();
  }

  /** SIGKILL and wait until the process is gone. */
  synchronized void kill() throws InterruptedException {
    if (process == null) return;
    if (paused) signal("CONT");
    process.destroyForcibly();
    process.waitFor(20, TimeUnit.SECONDS);
    paused = false;
  }

  /** SIGTERM, SIGKILL if it has not exited after {@code grace}. */
  synchronized void stop(Duration grace) throws InterruptedException {
    if (process == null || !process.isAlive()) return;
    if (paused) resume();
    process.destroy();
    if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) kill();
  }

  synchronized void pause() {
    signal("STOP");
    paused = true;
  }

  synchronized void resume() {
    signal("CONT");
    paused = false;
  }

  private void signal(String name) {
    if (process == null || !process.isAlive()) throw new IllegalStateException(id() + " is not running");
    try {
      Process p = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
          .redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot signal " + id(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling " + id(), e);
    }
  }

  /** INFO raft as fields, or null when the process does not answer within a second. */
  Map<String, String> info() {
    if (paused) return null;
    return Probe.info(port, "raft", 1000);
  }

  /**
   * One command on a fresh connection: a status or bulk reply as text, an integer in decimal,
   * nil as null, an error reply as {@code "-" + its text}.
   */
  String call(int timeoutMs, String... argv) {
    try (Jedis j = Probe.connect("127.0.0.1", port, timeoutMs)) {
      String[] rest = new String[argv.length - 1];
      System.arraycopy(argv, 1, rest, 0, rest.length);
      Object r = j.sendCommand(() -> SafeEncoder.encode(argv[0]), rest);
      if (r == null) return null;
      if (r instanceof byte[] b) return SafeEncoder.encode(b);
      return r.toString();
    } catch (JedisDataException e) {
      return "-" + e.getMessage();
    }
  }

  /** The end of the server's log file, for failure messages. */
  String logTail(int maxChars) {
    StringBuilder sb = new StringBuilder();
    for (String name : List.of("output.log", "kvstore.log")) {
      try {
        String s = Files.readString(dir.resolve(name));
        sb.append("--- ").append(id()).append(' ').append(name).append(" (tail) ---\n")
            .append(s.length() <= maxChars ? s : s.substring(s.length() - maxChars)).append('\n');
      } catch (IOException e) {
        // absent
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return id() + " (resp " + port + ", raft " + raftPort + ")";
  }
}
