package io.kvstore.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real redis-server 7.0 child process (Debian's package) on a free port, for side-by-side checks. */
public final class RealRedis implements AutoCloseable {
  private final int port;
  private final Path dir;
  private final Process process;

  public RealRedis(Path dir, String... extra) throws IOException, InterruptedException {
    this(KvstoreProcess.freePort(), dir, extra);
  }

  /** A redis-server on a given port (to restart one where its replicas expect it). */
  public static RealRedis onPort(int port, Path dir, String... extra)
      throws IOException, InterruptedException {
    return new RealRedis(port, dir, extra);
  }

  private RealRedis(int port, Path dir, String... extra) throws IOException, InterruptedException {
    this.port = port;
    this.dir = dir;
    Files.createDirectories(dir);
    List<String> cmd = new ArrayList<>(List.of(Tools.require("redis-server"),
        "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
        "--appendonly", "no", "--dir", dir.toString()));
    cmd.addAll(List.of(extra));
    process = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile())).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      Tools.Result r = Tools.run(Duration.ofSeconds(5), null, Tools.require("redis-cli"), "-p",
          Integer.toString(port), "ping");
      if (r.stdout().trim().equals("PONG")) return;
      Thread.sleep(100);
    }
    throw new IllegalStateException("redis-server did not start");
  }

  public int port() {
    return port;
  }

  public Path dir() {
    return dir;
  }

  /** The server's log so far (all runs in this directory). */
  public String log() {
    try {
      return Files.readString(dir.resolve("redis.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  /** redis-cli against this server: the arguments form one command; returns its output. */
  public String cli(String... args) throws IOException, InterruptedException {
    return Tools.cli(port, args);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: nothing is saved. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** Waits for the process to exit (after SHUTDOWN) and returns its exit code. */
  public int waitForExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("redis-server still running after " + timeout);
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
  }
}
