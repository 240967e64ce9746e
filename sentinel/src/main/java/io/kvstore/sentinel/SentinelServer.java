package io.kvstore.sentinel;

import io.kvstore.core.config.Config;
import io.kvstore.core.engine.Clock;
import io.kvstore.core.engine.Engine;
import io.kvstore.core.engine.EngineLoop;
import io.kvstore.core.engine.Lifecycle;
import io.kvstore.core.engine.Node;
import io.kvstore.core.sentinel.EventLevel;
import io.kvstore.core.sentinel.SentinelConfigFile;
import io.kvstore.core.sentinel.SentinelState;
import io.kvstore.core.store.MemoryStore;
import io.kvstore.gateway.NettyLoopExecutor;
import io.kvstore.gateway.RespServer;
import io.kvstore.sentinel.cmd.SentinelCommands;
import io.kvstore.sentinel.cmd.SentinelContext;
import io.kvstore.sentinel.link.Links;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * A running sentinel: one Netty event loop runs everything — the RESP listener for clients,
 * the command engine (SENTINEL, INFO, pub/sub of events), the links to the monitored instances
 * and the Sentinel timer (10–19 runs a second) — so the {@link SentinelState} is only ever
 * touched by that thread, as in Redis.
 *
 * <p>Events are logged and published on the sentinel's own pub/sub (channel = event name). The
 * state is saved in the config file whenever it changes ({@link ConfigWriter}).
 */
public final class SentinelServer implements AutoCloseable, SentinelContext {
  /** Where log lines go (the process passes its Redis-format log). */
  @FunctionalInterface
  public interface Log {
    void log(EventLevel level, String message);
  }

  /** How the sentinel is hosted: its config file, log, and what "exit" means. */
  public record Options(Path configFile, Log log, IntConsumer exit) {}

  private final Config config;
  private final Options options;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final SplittableRandom random = new SplittableRandom(new SecureRandom().nextLong());
  private EventLoopGroup group;
  private EventLoop eventLoop;
  private EngineLoop loop;
  private Node node;
  private RespServer resp;
  private Links links;
  private SentinelState state;
  private ConfigWriter writer;
  private int port;

  private SentinelServer(Config config, Options options) {
    this.config = config;
    this.options = options;
  }

  /**
   * Applies the sentinel directives (a bad one throws the config-file exception with Redis's
   * fatal text, before anything is started), then starts listening and monitoring.
   */
  public static SentinelServer start(Config config, List<SentinelConfigFile.Directive> directives,
      Options options) {
    SentinelServer s = new SentinelServer(config, options);
    try {
      s.startAll(directives);
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    return s;
  }

  private void startAll(List<SentinelConfigFile.Directive> directives) {
    group = RespServer.newEventLoopGroup(1, "kvstore-sentinel");
    eventLoop = group.next();
    writer = new ConfigWriter(options.configFile(), options.log());
    ProcessIo io = new ProcessIo(this);
    links = new Links(eventLoop, r -> loop.execute(r), (ri, kind) -> state.linkClosed(ri, kind));
    state = new SentinelState(Clock.SYSTEM, random, new DnsResolver(), io);
    SentinelConfigFile.load(state, directives);
    node = new Node(config, Clock.SYSTEM, new MemoryStore(1), SentinelCommands.table(this), random);
    node.setStoreName("none");
    node.setLifecycle(new SentinelLifecycle());
    loop = new EngineLoop(new Engine(node), new NettyLoopExecutor(eventLoop));
    state.setRequirePass(config.get("requirepass"));
    config.onChange("requirepass", state::setRequirePass);
    loop.start();
    resp = new RespServer(loop, config, group);
    InetSocketAddress a = resp.start(config.get("bind"), config.getInt("port"));
    port = a.getPort();
    state.setPort(port);
    loop.execute(() -> {
      state.start();
      scheduleTimer();
    });
  }

  private void scheduleTimer() {
    if (closed.get()) return;
    int hz = 10 + random.nextInt(10);
    eventLoop.schedule(() -> loop.execute(this::timer), 1000 / hz, TimeUnit.MILLISECONDS);
  }

  private void timer() {
    if (closed.get()) return;
    try {
      state.timer();
    } catch (RuntimeException e) {
      options.log().log(EventLevel.WARNING, "Sentinel timer failed: " + e);
    }
    scheduleTimer();
  }

  @Override
  public SentinelState state() {
    return state;
  }

  @Override
  public boolean flushConfig() {
    return writer.write(state.configLines());
  }

  Node node() {
    return node;
  }

  Links links() {
    return links;
  }

  Options options() {
    return options;
  }

  /** The port the sentinel listens on. */
  public int port() {
    return port;
  }

  /** Runs {@code task} on the sentinel's thread and waits for it (tests, tools). */
  public <T> T call(java.util.function.Function<SentinelState, T> task) throws Exception {
    return loop.call(e -> task.apply(state)).get(10, TimeUnit.SECONDS);
  }

  /** Whether {@link #close()} ran (SHUTDOWN, or the process is stopping). */
  public boolean closed() {
    return closed.get();
  }

  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }

  /** Stops listening, closes every link, saves the state. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    try {
      if (resp != null) resp.close(); // also shuts the event loop group down
      if (loop != null) loop.close();
      if (group != null && resp == null) {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
      }
      if (state != null && writer != null && state.myid() != null) flushConfig();
    } catch (RuntimeException e) {
      options.log().log(EventLevel.WARNING, "Error while shutting down: " + e);
    } finally {
      terminated.countDown();
    }
  }

  /** SHUTDOWN from a client: save the state, stop, exit 0. */
  private final class SentinelLifecycle implements Lifecycle {
    @Override
    public void shutdown(boolean save) {
      options.log().log(EventLevel.WARNING, "User requested shutdown...");
      flushConfig();
      Thread t = new Thread(() -> {
        close();
        options.log().log(EventLevel.WARNING, "Sentinel is now ready to exit, bye bye...");
        options.exit().accept(0);
      }, "kvstore-sentinel-shutdown");
      t.start();
    }

    @Override
    public boolean save() {
      return flushConfig();
    }
  }
}
