package io.kvstore.server.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends one command to a RESP port and returns the reply as text (status, error, integer or
 * bulk string; null for a null reply). Just enough for the cluster tool to see whether a node is
 * up and what INFO says; not a client library.
 */
final class RespProbe {
  private RespProbe() {}

  static String call(String host, int port, int timeoutMs, String... words) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), timeoutMs);
      s.setSoTimeout(timeoutMs);
      OutputStream out = s.getOutputStream();
      StringBuilder req = new StringBuilder("*").append(words.length).append("\r\n");
      for (String w : words) {
        byte[] b = w.getBytes(StandardCharsets.UTF_8);
        req.append('$').append(b.length).append("\r\n").append(w).append("\r\n");
      }
      out.write(req.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = new BufferedInputStream(s.getInputStream());
      String line = line(in);
      if (line.isEmpty()) throw new IOException("empty reply");
      char type = line.charAt(0);
      String rest = line.substring(1);
      switch (type) {
        case '+', '-', ':':
          return rest;
        case '$', '=': {
          int n = Integer.parseInt(rest);
          if (n < 0) return null;
          byte[] b = in.readNBytes(n + 2);
          String text = new String(b, 0, Math.max(0, b.length - 2), StandardCharsets.UTF_8);
          return type == '=' && text.length() >= 4 ? text.substring(4) : text;
        }
        case '_':
          return null;
        default:
          throw new IOException("unexpected reply type " + type);
      }
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\r') {
        in.read();
        break;
      }
      b.write(c);
    }
    if (c == -1 && b.size() == 0) throw new IOException("connection closed");
    return b.toString(StandardCharsets.UTF_8);
  }

  /** The value of {@code field:} in INFO-style text, or null. */
  static String field(String info, String field) {
    if (info == null) return null;
    for (String l : info.split("\r?\n")) {
      if (l.startsWith(field + ":")) return l.substring(field.length() + 1).trim();
    }
    return null;
  }
}
