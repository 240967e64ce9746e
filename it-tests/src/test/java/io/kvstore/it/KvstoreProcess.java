package io.kvstore.it;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A kvstore server started as a real child process from the shaded jar, on free loopback ports,
 * with its data in a given directory. Stopped gracefully, or with SIGKILL to test durability.
 */
public final class KvstoreProcess implements AutoCloseable {
  private final Path dir;
  private final List<String> extraArgs;
  private final int port;
  private final int grpcPort;
  private Process process;

  public KvstoreProcess(Path dir, String... extraArgs) {
    this.dir = dir;
    this.extraArgs = List.of(extraArgs);
    this.port = freePort();
    this.grpcPort = freePort();
  }

  public static Path jar() {
    String p = System.getProperty("kvstore.jar", "../server/target/kvstore.jar");
    Path jar = Path.of(p);
    if (!Files.exists(jar)) throw new IllegalStateException("kvstore jar not built: " + jar);
    return jar;
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public KvstoreProcess start() throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        javaBin(), "-Xmx512m", "-jar", jar().toString(), "server",
        "--bind", "127.0.0.1", "--port", Integer.toString(port),
        "--grpc-port", Integer.toString(grpcPort), "--dir", dir.toString()));
    cmd.addAll(extraArgs);
    Files.createDirectories(dir);
    File log = dir.resolve("server.log").toFile();
    process = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
    awaitPing(Duration.ofSeconds(60));
    return this;
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private void awaitPing(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("kvstore exited with " + process.exitValue() + ":\n" + log());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        s.setSoTimeout(2000);
        OutputStream out = s.getOutputStream();
        out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] buf = new byte[64];
        int n = s.getInputStream().read(buf);
        if (n > 0 && new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG")) return;
      } catch (IOException notYet) {
        // retry
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
    throw new IllegalStateException("kvstore did not answer PING in " + timeout + ":\n" + log());
  }

  public String log() {
    try {
      return Files.readString(dir.resolve("server.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  public int port() {
    return port;
  }

  /** redis-cli against this server: the arguments form one command; returns its output. */
  public String cli(String... args) throws IOException, InterruptedException {
    return Tools.cli(port, args);
  }

  public int grpcPort() {
    return grpcPort;
  }

  public Path dir() {
    return dir;
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL: no shutdown hooks, no flush. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM and wait. */
  public void stop() throws InterruptedException {
    if (process == null || !process.isAlive()) return;
    process.destroy();
    if (!process.waitFor(java.util.concurrent.TimeUnit.SECONDS.toMillis(20),
        java.util.concurrent.TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  public int waitForExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("still running after " + timeout);
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor();
    }
  }
}
