package io.kvstore.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A plain socket speaking raw bytes, with exact and pattern expectations on what comes back. */
final class RawClient implements AutoCloseable {
  private static final int TIMEOUT_MS = 10_000;
  final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(TIMEOUT_MS);
    socket.setTcpNoDelay(true);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  void send(String latin1) throws IOException {
    send(latin1.getBytes(StandardCharsets.ISO_8859_1));
  }

  void send(byte[] data) throws IOException {
    out.write(data);
    out.flush();
  }

  /** Reads exactly as many bytes as {@code expected} has (ISO-8859-1) and returns them. */
  String read(int n) throws IOException {
    byte[] b = in.readNBytes(n);
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  /**
   * Reads byte by byte until the bytes read match {@code pattern} in full; fails as soon as they
   * cannot match any more. Returns what was read.
   */
  String readMatching(Pattern pattern, String description) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    while (true) {
      String s = got.toString(StandardCharsets.ISO_8859_1);
      Matcher m = pattern.matcher(s);
      if (m.matches()) return s;
      if (!m.hitEnd()) throw new AssertionError("expected " + description + " but got " + Golden.escape(s));
      int c;
      try {
        c = in.read();
      } catch (SocketTimeoutException e) {
        throw new AssertionError("timed out expecting " + description + ", got " + Golden.escape(s));
      }
      if (c < 0) throw new AssertionError("connection closed expecting " + description + ", got " + Golden.escape(s));
      got.write(c);
    }
  }

  /** Reads until the server closes; returns whatever arrived before. */
  String readToEnd() throws IOException {
    try {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server did not close the connection");
    } catch (java.net.SocketException e) {
      return ""; // reset by peer counts as closed
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
