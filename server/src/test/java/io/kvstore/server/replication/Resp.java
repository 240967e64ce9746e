package io.kvstore.server.replication;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A blocking RESP2 client for tests: commands as bulk-string arrays, replies as Java values
 * (String for status and bulk, null for nil, Long, List, {@link Err}); also raw bytes, to play a
 * replica or read a stream by hand.
 */
final class Resp implements AutoCloseable {
  /** An error reply. */
  record Err(String text) {
    @Override
    public String toString() {
      return "-" + text;
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  Resp(int port) throws IOException {
    this(new Socket("127.0.0.1", port));
  }

  /** Over an accepted socket (a fake master's side of a replica's link). */
  Resp(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(30_000);
    socket.setTcpNoDelay(true);
    in = new BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  Object call(String... args) throws IOException {
    send(args);
    return read();
  }

  /** The reply as text (status, bulk, integer or error as "-ERR ..."), for short assertions. */
  String text(String... args) throws IOException {
    return String.valueOf(call(args));
  }

  void send(String... args) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (String a : args) {
      byte[] v = a.getBytes(StandardCharsets.UTF_8);
      b.writeBytes(("$" + v.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      b.writeBytes(v);
      b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    sendRaw(b.toByteArray());
  }

  void sendRaw(String latin1) throws IOException {
    sendRaw(latin1.getBytes(StandardCharsets.ISO_8859_1));
  }

  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  Object read() throws IOException {
    String line = readLine();
    char type = line.charAt(0);
    String rest = line.substring(1);
    switch (type) {
      case '+':
        return rest;
      case '-':
        return new Err(rest);
      case ':':
        return Long.parseLong(rest);
      case '$': {
        int n = Integer.parseInt(rest);
        if (n < 0) return null;
        byte[] v = readBytes(n);
        readBytes(2);
        return new String(v, StandardCharsets.UTF_8);
      }
      case '*': {
        int n = Integer.parseInt(rest);
        if (n < 0) return null;
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < n; i++) items.add(read());
        return items;
      }
      default:
        throw new IOException("unexpected reply line '" + line + "'");
    }
  }

  /** One line without its CRLF (or LF). */
  String readLine() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    while (true) {
      int c = in.read();
      if (c < 0) throw new IOException("connection closed after '" + b + "'");
      if (c == '\n') break;
      b.write(c);
    }
    byte[] raw = b.toByteArray();
    int n = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
    return new String(raw, 0, n, StandardCharsets.ISO_8859_1);
  }

  byte[] readBytes(int n) throws IOException {
    byte[] b = in.readNBytes(n);
    if (b.length != n) throw new IOException("connection closed after " + b.length + " of " + n + " bytes");
    return b;
  }

  /** -1 once the server closed the connection (a read blocks until then). */
  int readByte() throws IOException {
    try {
      return in.read();
    } catch (java.net.SocketException e) {
      return -1;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
