package io.kvstore.server.replication;

import io.kvstore.core.config.Config;
import io.kvstore.server.KvstoreServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A kvstore node in this JVM for replication tests: RocksDB in {@code dir}, RESP on an
 * ephemeral loopback port, its server log captured. Settings are config name/value pairs
 * ({@code "replicaof", "127.0.0.1 6379"}).
 */
final class ReplNode implements AutoCloseable {
  final Path dir;
  final KvstoreServer server;
  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  private Resp client;

  ReplNode(Path dir, String... settings) {
    this.dir = dir;
    Config config = new Config();
    config.set("dir", dir.toString(), true);
    config.set("port", "0", true);
    config.set("grpc-port", "0", true);
    config.set("bind", "127.0.0.1", true);
    for (int i = 0; i + 1 < settings.length; i += 2) config.set(settings[i], settings[i + 1], true);
    PrintStream console = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
    server = KvstoreServer.start(config, new KvstoreServer.Options(true, code -> {}, console, null));
  }

  int port() {
    return server.respPort();
  }

  String log() {
    return logBytes.toString(StandardCharsets.UTF_8);
  }

  /** The node's shared client connection. */
  Resp client() {
    try {
      if (client == null) client = new Resp(port());
      return client;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new connection (closed by the caller). */
  Resp connect() throws IOException {
    return new Resp(port());
  }

  Object call(String... args) {
    try {
      return client().call(args);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String text(String... args) {
    return String.valueOf(call(args));
  }

  /** INFO {@code section} as field → value. */
  Map<String, String> info(String section) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : text("INFO", section).split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith("#")) m.put(line.substring(0, colon), line.substring(colon + 1));
    }
    return m;
  }

  String info(String section, String field) {
    return info(section).get(field);
  }

  void replicaOf(ReplNode master) {
    replicaOf(master.port());
  }

  void replicaOf(int port) {
    String r = text("REPLICAOF", "127.0.0.1", Integer.toString(port));
    if (!r.equals("OK")) throw new AssertionError("REPLICAOF answered " + r);
  }

  /** Waits until this replica's link is up and it has applied everything {@code master} has. */
  void awaitInSync(ReplNode master) {
    Await.until(() -> "up".equals(info("replication", "master_link_status"))
        && info("replication", "slave_repl_offset").equals(master.info("replication", "master_repl_offset")),
        () -> "replica in sync with master: replica " + info("replication") + " master "
            + master.info("replication") + "\nreplica log:\n" + log());
  }

  @SuppressWarnings("unchecked")
  List<Object> list(String... args) {
    return (List<Object>) call(args);
  }

  @Override
  public void close() {
    try {
      if (client != null) client.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    server.close();
  }
}
