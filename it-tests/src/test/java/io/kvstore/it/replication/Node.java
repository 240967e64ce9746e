package io.kvstore.it.replication;

import io.kvstore.it.KvstoreProcess;
import io.kvstore.it.RealRedis;
import io.kvstore.it.Tools;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;

/**
 * One server process under test, kvstore or a real redis-server, on a loopback port that stays
 * the same across restarts (its replicas reconnect there), with its own data directory.
 * Replication tests only speak RESP to it, so either kind plays any role.
 */
public abstract class Node implements AutoCloseable {
  /** The system property that makes {@link #kvstore} start redis-server instead (see package doc). */
  public static final String NODES_PROPERTY = "kvstore.it.nodes";

  /** Flags every node under test gets: full syncs start at once rather than after 5 s. */
  private static final List<String> COMMON = List.of("--repl-diskless-sync-delay", "0");

  protected final String name;
  protected final Path dir;
  protected final List<String> args;

  protected Node(String name, Path dir, List<String> args) {
    this.name = name;
    this.dir = dir;
    this.args = args;
  }

  /** A kvstore node (or redis-server when {@value #NODES_PROPERTY}=redis), started. */
  public static Node kvstore(String name, Path dir, String... args) throws Exception {
    List<String> all = new ArrayList<>(COMMON);
    all.addAll(List.of(args));
    if (substituted()) {
      // Plain SHUTDOWN must save (kvstore always persists): redis needs a save point for that.
      all.addAll(0, List.of("--save", "3600", "1"));
      return new RedisNode(name + "(redis)", dir, all).start();
    }
    return new KvNode(name, dir, all).start();
  }

  /** A real redis-server node, started. */
  public static Node redis(String name, Path dir, String... args) throws Exception {
    List<String> all = new ArrayList<>(COMMON);
    all.addAll(List.of(args));
    return new RedisNode(name, dir, all).start();
  }

  /** True when redis-server plays the kvstore roles (validation of the tests against Redis). */
  public static boolean substituted() {
    return "redis".equalsIgnoreCase(System.getProperty(NODES_PROPERTY, "kvstore"));
  }

  public abstract int port();

  /** Starts the process (again): same port, directory and flags. */
  public abstract Node start() throws Exception;

  /** SIGKILL. */
  public abstract void kill9() throws InterruptedException;

  /** True for a kvstore process, false for redis-server. */
  public abstract boolean isKvstore();

  public abstract boolean isAlive();

  /** Waits for the process to exit after a SHUTDOWN command. */
  protected abstract void awaitExit(Duration timeout) throws InterruptedException;

  public abstract String log();

  public String name() {
    return name;
  }

  public Path dir() {
    return dir;
  }

  public Jedis jedis() {
    return new Jedis("127.0.0.1", port(), 30_000);
  }

  /** SHUTDOWN (the node saves as Redis decides) and wait for the process to end. */
  public void shutdown() throws Exception {
    try (Jedis j = jedis()) {
      j.shutdown();
    } catch (RuntimeException closedByServer) {
      // the server closes the connection without a reply
    }
    awaitExit(Duration.ofSeconds(60));
  }

  /** redis-cli against this node: the arguments form one command; returns its output. */
  public String cli(String... args) throws IOException, InterruptedException {
    return Tools.cli(port(), args);
  }

  /** redis-cli reading a script on stdin (one command a line); returns the whole output. */
  public String script(String script) throws IOException, InterruptedException {
    return Tools.run(Duration.ofSeconds(30), script, Tools.require("redis-cli"), "-h",
        "127.0.0.1", "-p", Integer.toString(port())).stdout();
  }

  /** The fields of one INFO section, in the server's order. */
  public Map<String, String> info(String section) {
    try (Jedis j = jedis()) {
      return parseInfo(j.info(section));
    }
  }

  public static Map<String, String> parseInfo(String text) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : text.split("\r?\n")) {
      if (line.isEmpty() || line.startsWith("#")) continue;
      int colon = line.indexOf(':');
      if (colon > 0) m.put(line.substring(0, colon), line.substring(colon + 1));
    }
    return m;
  }

  /** A numeric field of INFO stats (sync_full, sync_partial_ok, ...). */
  public long stat(String field) {
    return Long.parseLong(require(info("stats"), field));
  }

  /** A field of INFO replication. */
  public String repl(String field) {
    return require(info("replication"), field);
  }

  private String require(Map<String, String> fields, String field) {
    String v = fields.get(field);
    if (v == null) throw new AssertionError(name + ": no INFO field " + field + " in " + fields);
    return v;
  }

  @Override
  public String toString() {
    return name + "@" + port();
  }

  /** A kvstore process. */
  static final class KvNode extends Node {
    private final KvstoreProcess process;

    KvNode(String name, Path dir, List<String> args) {
      super(name, dir, args);
      this.process = new KvstoreProcess(dir, args.toArray(new String[0]));
    }

    @Override
    public int port() {
      return process.port();
    }

    @Override
    public Node start() throws Exception {
      process.start();
      return this;
    }

    @Override
    public void kill9() throws InterruptedException {
      process.kill9();
    }

    @Override
    public boolean isKvstore() {
      return true;
    }

    @Override
    public boolean isAlive() {
      return process.isAlive();
    }

    @Override
    protected void awaitExit(Duration timeout) throws InterruptedException {
      process.waitForExit(timeout);
    }

    @Override
    public String log() {
      return process.log();
    }

    @Override
    public void close() throws InterruptedException {
      process.close();
    }
  }

  /** A redis-server process, restartable on its port. */
  static final class RedisNode extends Node {
    private final int port = KvstoreProcess.freePort();
    private RealRedis process;

    RedisNode(String name, Path dir, List<String> args) {
      super(name, dir, args);
    }

    @Override
    public int port() {
      return port;
    }

    @Override
    public Node start() throws Exception {
      process = RealRedis.onPort(port, dir, args.toArray(new String[0]));
      return this;
    }

    @Override
    public void kill9() throws InterruptedException {
      process.kill9();
    }

    @Override
    public boolean isKvstore() {
      return false;
    }

    @Override
    public boolean isAlive() {
      return process != null && process.isAlive();
    }

    @Override
    protected void awaitExit(Duration timeout) throws InterruptedException {
      process.waitForExit(timeout);
    }

    @Override
    public String log() {
      return process == null ? "(not started)" : process.log();
    }

    @Override
    public void close() throws InterruptedException {
      if (process != null) process.close();
    }
  }
}
