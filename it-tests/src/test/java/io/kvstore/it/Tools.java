package io.kvstore.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs external programs (redis-cli, redis-benchmark, kvstore's own CLI) with a deadline. */
public final class Tools {
  private Tools() {}

  public record Result(int exitCode, String stdout) {}

  /** The absolute path of a required program; fails with the install hint when missing. */
  public static String require(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path p = Path.of(dir, program);
      if (Files.isExecutable(p)) return p.toString();
    }
    throw new IllegalStateException(program + " not found on PATH; install Debian's "
        + "redis-server redis-tools packages (the test command does this: see README)");
  }

  /** redis-cli -p port args...: one command, its output (replies as redis-cli prints them). */
  public static String cli(int port, String... args) throws IOException, InterruptedException {
    String[] cmd = new String[args.length + 5];
    cmd[0] = require("redis-cli");
    cmd[1] = "-h";
    cmd[2] = "127.0.0.1";
    cmd[3] = "-p";
    cmd[4] = Integer.toString(port);
    System.arraycopy(args, 0, cmd, 5, args.length);
    return run(Duration.ofSeconds(30), null, cmd).stdout();
  }

  public static Result run(Duration timeout, String stdin, String... command)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("timed out: " + String.join(" ", command));
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
