package io.kvstore.server;

import io.kvstore.core.cmd.CommandTables;
import io.kvstore.core.config.Config;
import io.kvstore.core.engine.Clock;
import io.kvstore.core.engine.Engine;
import io.kvstore.core.engine.EngineLoop;
import io.kvstore.core.engine.Lifecycle;
import io.kvstore.core.engine.Node;
import io.kvstore.core.keyspace.ActiveExpiry;
import io.kvstore.gateway.NettyLoopExecutor;
import io.kvstore.gateway.RespServer;
import io.kvstore.persistence.DatasetStore;
import io.kvstore.persistence.SyncPolicy;
import io.kvstore.raft.RaftNode;
import io.kvstore.raft.StoreStateStore;
import io.kvstore.replication.Datasets;
import io.kvstore.replication.Replication;
import io.kvstore.replication.ReplicationLogger;
import io.kvstore.server.grpc.GrpcServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * One kvstore node, composed from its configuration: the RocksDB store, the node and its
 * command table, active expiry, the engine and its loop thread, the RESP listener, the gRPC
 * listener and the process lifecycle (SHUTDOWN, SAVE).
 *
 * <p>Shutdown order (SHUTDOWN, SIGTERM or {@link #close()}): stop both listeners so no new
 * command arrives, stop the engine loop (it drains what was queued and commits), flush the store
 * if asked to save, close the store, remove the pid file. A SHUTDOWN command then exits the
 * process through a pluggable callback, so tests can run several servers in one JVM.
 */
public final class KvstoreServer implements AutoCloseable {

  /**
   * How the node is hosted. {@code ephemeralPorts}: port 0 / grpc-port 0 bind an ephemeral
   * port (tests) instead of meaning "no listener" (Redis's meaning, used by the process).
   */
  public record Options(boolean ephemeralPorts, IntConsumer exit, PrintStream console,
      String configFile, List<String> configWarnings) {
    public Options(boolean ephemeralPorts, IntConsumer exit, PrintStream console, String configFile) {
      this(ephemeralPorts, exit, console, configFile, List.of());
    }

    /** The real process: exit with the JVM, log to stdout. */
    public static Options process(String configFile, List<String> configWarnings) {
      return new Options(false, System::exit, System.out, configFile, configWarnings);
    }

    /** In-JVM use: ephemeral ports, exit requests recorded by {@code exit}. */
    public static Options embedded(IntConsumer exit) {
      return new Options(true, exit, System.out, null);
    }
  }

  /** Startup failed (bad directory, port in use...); the message is the log line. */
  public static final class StartupException extends RuntimeException {
    public StartupException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Config config;
  private final Options options;
  private final ServerLog log;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private DatasetStore store;
  private Node node;
  private EngineLoop loop;
  private io.netty.channel.EventLoopGroup engineGroup;
  private RespServer resp;
  private Replication replication;
  private RaftNode raft;
  private GrpcServer grpc;
  private int respPort;
  private int grpcPort;
  private Path pidfile;

  private KvstoreServer(Config config, Options options) {
    this.config = config;
    this.options = options;
    this.log = new ServerLog(config.get("logfile"), () -> config.get("loglevel"), options.console());
  }

  /** Builds and starts a node; on failure everything opened so far is closed again. */
  public static KvstoreServer start(Config config, Options options) {
    KvstoreServer s = new KvstoreServer(config, options);
    try {
      s.startAll();
    } catch (RuntimeException e) {
      s.log.warning(e.getMessage() == null ? e.toString() : e.getMessage());
      s.stopAll(false);
      throw e instanceof StartupException ? e : new StartupException(String.valueOf(e.getMessage()), e);
    }
    return s;
  }

  private void startAll() {
    long pid = ProcessHandle.current().pid();
    log.warning("oO0OoO0OoO0Oo kvstore is starting oO0OoO0OoO0Oo");
    log.warning("kvstore version=" + KvstoreVersion.version() + ", redis_version="
        + KvstoreVersion.REDIS_COMPAT + ", bits=64, pid=" + pid + ", just started");
    if (options.configFile() == null) {
      log.warning("Warning: no config file specified, using the default config. In order to "
          + "specify a config file use kvstore server /path/to/kvstore.conf");
    } else {
      log.warning("Configuration loaded");
    }
    for (String w : options.configWarnings()) log.warning(w);
    if (config.getBool("daemonize")) {
      log.warning("daemonize is not supported; running in the foreground");
    }

    Path dir = Path.of(config.get("dir"));
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StartupException("Can't chdir to '" + dir + "': " + e.getMessage(), e);
    }
    long t0 = System.nanoTime();
    // raft mode: the Raft log is the write-ahead log, so the store runs with its WAL off
    boolean raftMode = "raft".equals(config.get("replication-mode"));
    store = DatasetStore.open(dir, config.getInt("databases"),
        raftMode ? SyncPolicy.WAL_OFF : SyncPolicy.of(config.get("appendfsync")));
    if (!raftMode) config.onChange("appendfsync", v -> store.setSyncPolicy(SyncPolicy.of(v)));
    store.setCacheBytes(config.getLong("kvstore-cache-size"));
    // CONFIG SET runs on the engine thread, the store's thread
    config.onChange("kvstore-cache-size", v -> store.setCacheBytes(Long.parseLong(v)));

    node = new Node(config, Clock.SYSTEM, store, CommandTables.standard(),
        new SplittableRandom(new SecureRandom().nextLong()));
    node.setRssSupplier(ProcessMemory::rssBytes);
    node.setStoreName("rocksdb");
    ActiveExpiry.install(node);
    node.setLifecycle(new ServerLifecycle());
    Engine engine = new Engine(node);
    // One event loop thread reads clients, runs the engine and writes replies (Redis's model).
    engineGroup = RespServer.newEventLoopGroup(1, "kvstore-main");
    loop = new EngineLoop(engine, new NettyLoopExecutor(engineGroup.next()));
    if (!raftMode) installReplication();
    log.notice("Running mode=" + (raftMode ? "raft" : "standalone") + ", port=" + config.getInt("port") + ", grpc-port="
        + config.getInt("grpc-port") + ".");
    log.warning("Server initialized");
    log.notice(String.format(java.util.Locale.ROOT, "DB loaded from disk: %.3f seconds",
        (System.nanoTime() - t0) / 1e9));
    loop.start();
    if (raftMode) raft = RaftNode.start(config, loop, new StoreStateStore(store::checkpoint));

    String bind = config.get("bind");
    int port = config.getInt("port");
    if (port != 0 || options.ephemeralPorts()) {
      resp = new RespServer(loop, config, engineGroup);
      InetSocketAddress a = listen("TCP", bind, port, () -> resp.start(bind, port));
      respPort = a.getPort();
      node.setTcpPort(respPort);
    }
    int gport = config.getInt("grpc-port");
    if (gport != 0 || options.ephemeralPorts()) {
      grpc = new GrpcServer(loop, maxGrpcMessage());
      InetSocketAddress a = listen("gRPC", bind, gport, () -> grpc.start(bind, gport));
      grpcPort = a.getPort();
      log.notice("gRPC listening on " + a.getAddress().getHostAddress() + ":" + grpcPort);
    }
    writePidfile();
    if (raft != null) raft.announce(bind, respPort, grpcPort);
    log.notice("Ready to accept connections tcp");
    if (replication != null) replication.start();
  }

  /**
   * Async replication on the engine's own event loop: the link to a master is opened there, so
   * applying the stream is as single-threaded as serving clients. A configured {@code replicaof}
   * makes the node a replica before it listens (writes are refused from the first command) and
   * it connects to its master once it listens.
   */
  private void installReplication() {
    Node n = node;
    Runnable touchAllWatched = () -> {
      for (int db = 0; db < n.databases(); db++) n.watches().touchDb(db, k -> true);
    };
    // A full resync builds its dataset beside the current one and switches to it atomically.
    replication = Replication.install(node, loop, Datasets.of(store, touchAllWatched),
        engineGroup.next(), new ReplicationLogger() {
          @Override
          public void verbose(String message) {
            log.verbose(message);
          }

          @Override
          public void notice(String message) {
            log.notice(message);
          }

          @Override
          public void warning(String message) {
            log.warning(message);
          }
        });
    replication.onRoleChange(replica -> log.setRole(replica ? 'S' : 'M'));
    if (replication.isReplica()) log.setRole('S');
  }

  /** The node's raft mode (null in async mode). */
  public RaftNode raft() {
    return raft;
  }

  /** The node's async replication (null in raft mode). */
  public Replication replication() {
    return replication;
  }

  private InetSocketAddress listen(String what, String bind, int port,
      java.util.function.Supplier<InetSocketAddress> starter) {
    try {
      return starter.get();
    } catch (RuntimeException e) {
      Throwable c = e.getCause() != null ? e.getCause() : e;
      String why = String.valueOf(c.getMessage());
      if (!why.startsWith("Could not create")) {
        why = "Could not create server " + what + " listening socket " + bind + ":" + port + ": " + why;
      }
      log.warning("Warning: " + why);
      throw new StartupException("Failed listening on port " + port + " (" + what + "), aborting.", e);
    }
  }

  private int maxGrpcMessage() {
    return (int) Math.min(Integer.MAX_VALUE, config.getLong("client-query-buffer-limit"));
  }

  private void writePidfile() {
    String p = config.get("pidfile");
    if (p.isEmpty()) return;
    try {
      Path path = Path.of(p);
      Files.writeString(path, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
      pidfile = path;
    } catch (IOException e) {
      log.warning("Failed to write PID file: " + e.getMessage());
    }
  }

  public Node node() {
    return node;
  }

  /** The node's store (tests and tools inspect its sync policy, checkpoints...). */
  public DatasetStore store() {
    return store;
  }

  public EngineLoop loop() {
    return loop;
  }

  public ServerLog log() {
    return log;
  }

  /** The RESP port actually bound (0 when RESP is disabled). */
  public int respPort() {
    return respPort;
  }

  /** The gRPC port actually bound (0 when gRPC is disabled). */
  public int grpcPort() {
    return grpcPort;
  }

  /** Waits until the node has fully stopped (SHUTDOWN, SIGTERM or {@link #close()}). */
  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }

  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return terminated.await(timeout, unit);
  }

  /**
   * Stops the node as SIGTERM does: the store is flushed when Redis would save (save points
   * configured or appendonly on).
   */
  @Override
  public void close() {
    stopAll(!config.get("save").isEmpty() || config.getBool("appendonly"));
  }

  /** The SIGTERM path (the process's shutdown hook). */
  public void closeOnSignal() {
    if (closed.get()) return;
    log.warning("Received SIGTERM scheduling shutdown...");
    close();
  }

  private void stopAll(boolean save) {
    if (!closed.compareAndSet(false, true)) return;
    try {
      if (grpc != null) grpc.close();
      if (replication != null) replication.shutdown(); // ends snapshot loads and transfers
      if (resp != null) resp.close();
      if (raft != null) raft.close(); // applying committed entries needs the loop
      if (loop != null) loop.close(); // drains queued work and commits it
      if (resp == null && engineGroup != null) {
        engineGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
      }
      if (store != null) {
        if (save) {
          log.notice("Saving the final snapshot before exiting.");
          store.flush();
          log.notice("DB saved on disk");
        }
        store.close();
      }
      if (pidfile != null) {
        log.notice("Removing the pid file.");
        Files.deleteIfExists(pidfile);
      }
      log.warning("kvstore is now ready to exit, bye bye...");
    } catch (IOException | RuntimeException e) {
      log.warning("Error while shutting down: " + e);
    } finally {
      log.close();
      terminated.countDown();
    }
  }

  /** SHUTDOWN and SAVE as the commands ask for them (called on the engine thread). */
  private final class ServerLifecycle implements Lifecycle {
    @Override
    public void shutdown(boolean save) {
      log.warning("User requested shutdown...");
      // The engine thread cannot wait for itself: stop from a helper thread, then exit.
      Thread t = new Thread(() -> {
        stopAll(save);
        options.exit().accept(0);
      }, "kvstore-shutdown");
      t.start();
    }

    @Override
    public boolean save() {
      try {
        store.commit();
        store.flush();
        return true;
      } catch (RuntimeException e) {
        log.warning("Failed saving the DB: " + e.getMessage());
        return false;
      }
    }
  }
}
