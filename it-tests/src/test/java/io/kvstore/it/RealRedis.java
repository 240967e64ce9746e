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
  private final int port = KvstoreProcess.freePort();
  private final Process process;

  public RealRedis(Path dir, String... extra) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    List<String> cmd = new ArrayList<>(List.of(Tools.require("redis-server"),
        "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
        "--appendonly", "no", "--dir", dir.toString()));
    cmd.addAll(List.of(extra));
    process = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve("redis.log").toFile()).start();
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

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
  }
}
