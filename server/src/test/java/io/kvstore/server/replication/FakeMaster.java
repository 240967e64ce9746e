package io.kvstore.server.replication;

import io.kvstore.persistence.rdb.RdbAux;
import io.kvstore.persistence.rdb.RdbEntry;
import io.kvstore.persistence.rdb.RdbSource;
import io.kvstore.persistence.rdb.RdbWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

/** A scripted master: the test accepts each connection and plays the master's side by hand. */
final class FakeMaster implements AutoCloseable {
  static final String ID = "0123456789abcdef0123456789abcdef01234567";
  private final ServerSocket server;

  FakeMaster() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    server.setSoTimeout(30_000);
  }

  int port() {
    return server.getLocalPort();
  }

  /** The next connection from the replica. */
  Resp accept() throws IOException {
    return new Resp(server.accept());
  }

  /** Answers PING and the REPLCONFs; returns the PSYNC (or SYNC) command's arguments. */
  static List<Object> handshake(Resp link) throws IOException {
    expect(link, "PING");
    link.sendRaw("+PONG\r\n");
    while (true) {
      List<Object> cmd = command(link);
      if (!"REPLCONF".equalsIgnoreCase((String) cmd.get(0))) return cmd;
      link.sendRaw("+OK\r\n");
    }
  }

  @SuppressWarnings("unchecked")
  static List<Object> command(Resp link) throws IOException {
    return (List<Object>) link.read();
  }

  static void expect(Resp link, String name) throws IOException {
    List<Object> cmd = command(link);
    if (!name.equalsIgnoreCase((String) cmd.get(0))) throw new AssertionError("expected " + name + ", got " + cmd);
  }

  /** A valid RDB holding the given key/value pairs in db 0. */
  static byte[] rdb(String... kv) throws IOException {
    List<RdbEntry> entries = new java.util.ArrayList<>();
    for (int i = 0; i + 1 < kv.length; i += 2) {
      entries.add(new RdbEntry(0, kv[i].getBytes(), kv[i + 1].getBytes(), RdbEntry.NO_EXPIRY));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RdbWriter.write(out, RdbAux.of(1_700_000_000L, 1000), RdbSource.of(entries));
    return out.toByteArray();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
