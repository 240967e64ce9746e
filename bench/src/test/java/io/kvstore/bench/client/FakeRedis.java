package io.kvstore.bench.client;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A scripted RESP server for client tests: each command (as a list of strings) is handed to the
 * script, which returns the raw reply to send, or null to never answer (the client times out).
 */
final class FakeRedis implements AutoCloseable {
  private final ServerSocket server;
  private final Function<List<String>, String> script;
  private final List<List<String>> received = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile long replyDelayMs;

  FakeRedis(Function<List<String>, String> script) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.script = script;
    Thread t = new Thread(this::accept, "fake-redis");
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return server.getLocalPort();
  }

  Endpoint endpoint() {
    return new Endpoint("fake", "127.0.0.1", port());
  }

  void replyDelayMs(long ms) {
    replyDelayMs = ms;
  }

  /** Every command received, in order. */
  List<List<String>> received() {
    return received;
  }

  static String bulk(String s) {
    return s == null ? "$-1\r\n" : "$" + s.getBytes(StandardCharsets.UTF_8).length + "\r\n" + s + "\r\n";
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        sockets.add(s);
        Thread t = new Thread(() -> serve(s), "fake-redis-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      InputStream in = new BufferedInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      while (true) {
        List<String> cmd = readCommand(in);
        if (cmd == null) {
          return;
        }
        received.add(cmd);
        String reply = script.apply(cmd);
        if (reply == null) {
          continue;
        }
        if (replyDelayMs > 0) {
          Thread.sleep(replyDelayMs);
        }
        out.write(reply.getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // connection closed
    }
  }

  private static List<String> readCommand(InputStream in) throws IOException {
    String line = readLine(in);
    if (line == null) {
      return null;
    }
    int n = Integer.parseInt(line.substring(1));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int len = Integer.parseInt(readLine(in).substring(1));
      byte[] b = in.readNBytes(len + 2);
      out.add(new String(b, 0, len, StandardCharsets.UTF_8));
    }
    return out;
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\r') {
        in.read();
        return sb.toString();
      }
      sb.append((char) c);
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
