package io.kvstore.bench.etcd;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal RESP server for the tests: SET and GET over a map shared with other FakeResp
 * instances given the same map (like nodes of one cluster), anything else answers +OK.
 * Counts the commands it served.
 */
final class FakeResp implements AutoCloseable {
  private final ServerSocket server;
  private final Map<String, byte[]> data;
  final AtomicLong commands = new AtomicLong();
  private final List<Socket> sockets = new ArrayList<>();

  FakeResp(Map<String, byte[]> data) throws IOException {
    this.data = data;
    this.server = new ServerSocket(0, 300, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::accept, "fake-resp");
    t.setDaemon(true);
    t.start();
  }

  FakeResp() throws IOException {
    this(new ConcurrentHashMap<>());
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        synchronized (sockets) {
          sockets.add(s);
        }
        Thread t = new Thread(() -> serve(s), "fake-resp-conn");
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
        List<byte[]> argv = readCommand(in);
        if (argv == null) return;
        commands.incrementAndGet();
        String name = new String(argv.get(0), StandardCharsets.US_ASCII).toUpperCase();
        if (name.equals("SET")) {
          data.put(new String(argv.get(1), StandardCharsets.US_ASCII), argv.get(2));
          out.write("+OK\r\n".getBytes(StandardCharsets.US_ASCII));
        } else if (name.equals("GET")) {
          byte[] v = data.get(new String(argv.get(1), StandardCharsets.US_ASCII));
          if (v == null) {
            out.write("$-1\r\n".getBytes(StandardCharsets.US_ASCII));
          } else {
            out.write(("$" + v.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(v);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          }
        } else {
          out.write("+OK\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
      }
    } catch (IOException e) {
      // connection closed
    }
  }

  private static List<byte[]> readCommand(InputStream in) throws IOException {
    String head = line(in);
    if (head == null) return null;
    int n = Integer.parseInt(head.substring(1));
    List<byte[]> argv = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int len = Integer.parseInt(line(in).substring(1));
      byte[] b = in.readNBytes(len);
      in.readNBytes(2);
      argv.add(b);
    }
    return argv;
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\r') {
        in.read();
        return b.toString(StandardCharsets.US_ASCII);
      }
      b.write(c);
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (sockets) {
      for (Socket s : sockets) s.close();
    }
  }
}
