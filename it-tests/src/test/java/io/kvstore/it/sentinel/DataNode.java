package io.kvstore.it.sentinel;

import io.kvstore.it.KvstoreProcess;
import io.kvstore.it.RealRedis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;

/**
 * A data node Sentinel monitors: a redis-server on a fixed port, or a kvstore node. Either can
 * be killed with SIGKILL and started again on the same port: a redis-server comes back as a
 * plain master (no replicaof, no config file), a kvstore node with the flags it was first
 * started with (a former replica still names its first master) — Sentinel must correct both.
 */
abstract class DataNode implements AutoCloseable {
  final String name;
  final Path dir;

  DataNode(String name, Path dir) {
    this.name = name;
    this.dir = dir;
  }

  static DataNode redis(String name, Path dir, int port) {
    return new RedisNode(name, dir, port);
  }

  static DataNode kvstore(String name, Path dir) {
    return new KvNode(name, dir);
  }

  abstract int port();

  /** Starts the node, replicating from {@code master} when not null (first start only). */
  abstract DataNode start(DataNode master) throws Exception;

  abstract void kill9() throws InterruptedException;

  abstract String log();

  String addr() {
    return "127.0.0.1:" + port();
  }

  Jedis jedis() {
    return new Jedis("127.0.0.1", port(), 5000);
  }

  /** INFO replication fields (empty when the node does not answer). */
  Map<String, String> replication() {
    try (Jedis j = jedis()) {
      return parse(j.info("replication"));
    } catch (RuntimeException e) {
      return Map.of();
    }
  }

  static Map<String, String> parse(String text) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : text.split("\r?\n")) {
      int c = line.indexOf(':');
      if (c > 0 && !line.startsWith("#")) m.put(line.substring(0, c), line.substring(c + 1));
    }
    return m;
  }

  boolean isMaster() {
    return "master".equals(replication().get("role"));
  }

  /** A replica of {@code master} with its link up. */
  boolean replicatesFrom(DataNode master) {
    Map<String, String> r = replication();
    return "slave".equals(r.get("role")) && String.valueOf(master.port()).equals(r.get("master_port"))
        && "up".equals(r.get("master_link_status"));
  }

  @Override
  public String toString() {
    return name + "@" + port();
  }

  private static final class RedisNode extends DataNode {
    private final int port;
    private RealRedis process;

    RedisNode(String name, Path dir, int port) {
      super(name, dir);
      this.port = port;
    }

    @Override
    int port() {
      return port;
    }

    @Override
    DataNode start(DataNode master) throws Exception {
      List<String> args = new ArrayList<>(List.of("--repl-diskless-sync-delay", "0"));
      if (master != null) args.addAll(List.of("--replicaof", "127.0.0.1", Integer.toString(master.port())));
      process = RealRedis.onPort(port, dir, args.toArray(new String[0]));
      return this;
    }

    @Override
    void kill9() throws InterruptedException {
      process.kill9();
    }

    @Override
    String log() {
      return process == null ? "" : process.log();
    }

    @Override
    public void close() throws InterruptedException {
      if (process != null) process.kill9();
    }
  }

  private static final class KvNode extends DataNode {
    private KvstoreProcess process;
    private int port;

    KvNode(String name, Path dir) {
      super(name, dir);
    }

    @Override
    int port() {
      return port;
    }

    @Override
    DataNode start(DataNode master) throws Exception {
      if (process == null) {
        List<String> args = new ArrayList<>(List.of("--repl-diskless-sync-delay", "0"));
        if (master != null) {
          args.addAll(List.of("--replicaof", "127.0.0.1", Integer.toString(master.port())));
        }
        process = new KvstoreProcess(dir, args.toArray(new String[0]));
        port = process.port();
      }
      process.start();
      return this;
    }

    @Override
    void kill9() throws InterruptedException {
      process.kill9();
    }

    @Override
    String log() {
      return process == null ? "" : process.log();
    }

    @Override
    public void close() throws InterruptedException {
      if (process != null) process.close();
    }
  }
}
