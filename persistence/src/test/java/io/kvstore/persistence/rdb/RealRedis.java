package io.kvstore.persistence.rdb;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server 7.0 child process (Debian's package) on a free port, with a minimal
 * binary-safe RESP client, to check files against the real thing.
 */
final class RealRedis implements AutoCloseable {
  private final Process process;
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  RealRedis(Path dir, String dbfilename) throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    process = new ProcessBuilder(program("redis-server"), "--port", Integer.toString(port),
        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
        "--dbfilename", dbfilename).redirectErrorStream(true)
        .redirectOutput(dir.resolve("redis.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    Socket s = null;
    while (s == null) {
      try {
        s = new Socket("127.0.0.1", port);
      } catch (IOException e) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          process.destroyForcibly();
          throw new IllegalStateException("redis-server did not start: "
              + Files.readString(dir.resolve("redis.log")), e);
        }
        Thread.sleep(50);
      }
    }
    socket = s;
    socket.setSoTimeout(30_000);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream());
    // Wait until the dataset is loaded (-LOADING before that).
    while (call("PING") instanceof String err && err.startsWith("-LOADING")) Thread.sleep(50);
  }

  /** The absolute path of a program on PATH, or a failure telling what to install. */
  static String program(String name) {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path p = Path.of(d, name);
      if (Files.isExecutable(p)) return p.toString();
    }
    throw new IllegalStateException(name + " not found on PATH; install Debian's redis-server and "
        + "redis-tools packages");
  }

  /**
   * Sends a command; returns byte[] (bulk), String (simple "+x" or error "-x"), Long, null or
   * List.
   */
  Object call(Object... args) throws IOException {
    ByteArrayOutputStream req = new ByteArrayOutputStream();
    req.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (Object a : args) {
      byte[] b = a instanceof byte[] bytes ? bytes : a.toString().getBytes(StandardCharsets.UTF_8);
      req.writeBytes(("$" + b.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      req.writeBytes(b);
      req.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.write(req.toByteArray());
    out.flush();
    return reply();
  }

  private Object reply() throws IOException {
    int type = in.read();
    String line = line();
    switch (type) {
      case '+': return "+" + line;
      case '-': return "-" + line;
      case ':': return Long.parseLong(line);
      case '$': {
        int n = Integer.parseInt(line);
        if (n < 0) return null;
        byte[] b = in.readNBytes(n);
        in.readNBytes(2);
        return b;
      }
      case '*': {
        int n = Integer.parseInt(line);
        if (n < 0) return null;
        List<Object> l = new ArrayList<>();
        for (int i = 0; i < n; i++) l.add(reply());
        return l;
      }
      default: throw new IOException("bad reply type " + type);
    }
  }

  private String line() throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != '\r') {
      if (c < 0) throw new IOException("connection closed");
      sb.append((char) c);
    }
    in.read();
    return sb.toString();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    socket.close();
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
  }
}
