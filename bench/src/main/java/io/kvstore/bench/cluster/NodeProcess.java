package io.kvstore.bench.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One kvstore process of a benchmark cluster (a node or a sentinel), started from the shaded
 * jar with a fixed command line, so it can be killed with SIGKILL, paused with SIGSTOP, resumed
 * with SIGCONT and restarted exactly as it was first started (same data directory, same config
 * file, which the process itself may have rewritten meanwhile, as Sentinel does).
 */
public final class NodeProcess {
  private final String id;
  private final List<String> command;
  private final Path dir;
  private final int port;
  private Process process;
  private volatile boolean paused;

  public NodeProcess(String id, List<String> command, Path dir, int port) {
    this.id = id;
    this.command = List.copyOf(command);
    this.dir = dir;
    this.port = port;
  }

  public String id() {
    return id;
  }

  /** The RESP port clients use. */
  public int port() {
    return port;
  }

  public Path dir() {
    return dir;
  }

  /** Everything the process printed, all runs appended. */
  public Path outputFile() {
    return dir.resolve("output.log");
  }

  public synchronized long pid() {
    return process == null ? -1 : process.pid();
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  public boolean isPaused() {
    return paused;
  }

  public synchronized void start() throws IOException {
    if (isAlive()) {
      throw new IllegalStateException(id + " is already running");
    }
    Files.createDirectories(dir);
    process = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile().toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
    paused = false;
  }

  /** SIGKILL, then waits for the process to be gone. */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    waitGone(process, Duration.ofSeconds(10));
    paused = false;
  }

  /** SIGTERM (a graceful shutdown), SIGKILL after {@code grace}. */
  public synchronized void stop(Duration grace) {
    if (process == null || !process.isAlive()) {
      return;
    }
    if (paused) {
      resume();
    }
    process.destroy();
    if (!waitGone(process, grace)) {
      kill();
    }
  }

  /** SIGSTOP: the process keeps its sockets but does nothing until {@link #resume()}. */
  public synchronized void pause() {
    if (isAlive()) {
      signal("STOP");
      paused = true;
    }
  }

  /** SIGCONT. */
  public synchronized void resume() {
    if (isAlive()) {
      signal("CONT");
    }
    paused = false;
  }

  private void signal(String name) {
    try {
      Process p = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
          .redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot send SIG" + name + " to " + id, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling " + id, e);
    }
  }

  private static boolean waitGone(Process p, Duration timeout) {
    try {
      return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !p.isAlive();
    }
  }

  /** The last {@code maxChars} characters the process printed, for error messages. */
  public String outputTail(int maxChars) {
    try {
      String s = Files.readString(outputFile());
      return s.length() <= maxChars ? s : s.substring(s.length() - maxChars);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  @Override
  public String toString() {
    return id + " (port " + port + ", pid " + pid() + ")";
  }
}
