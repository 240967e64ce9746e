package io.kvstore.gateway;

import io.kvstore.core.config.Config;
import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.engine.EngineLoop;
import io.kvstore.core.engine.Node;
import io.kvstore.core.engine.Stats;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RESP listener of a node: a Netty server (epoll when available, NIO otherwise) with one or
 * two I/O threads, since the work per byte is small and all commands run on the single engine
 * thread anyway. Each accepted channel gets a {@link RespConnection}.
 *
 * <p>Listens on every address of a Redis-style {@code bind} list ({@code *} = all IPv4,
 * {@code ::*} = all IPv6, a leading {@code -} marks an address that may be unavailable), all on
 * the same port; port 0 picks an ephemeral port for the first address and reuses it for the
 * others. Idle clients are closed after {@code timeout} seconds (not replicas, blocked or
 * subscribed clients), checked once a second by an engine cron.
 */
public final class RespServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RespServer.class);
  private static final int IDLE_CHECK_PERIOD_MS = 1000;

  private final EngineLoop loop;
  private final Config config;
  private final Node node;
  private final EventLoopGroup group;
  private final Class<? extends ServerChannel> channelClass;
  private final ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final List<Channel> listeners = new ArrayList<>();
  private volatile boolean closed;
  private long nextIdleCheckMs;

  public RespServer(EngineLoop loop, Config config) {
    this(loop, config, newEventLoopGroup(
        Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors() / 2)), "kvstore-resp-io"));
  }

  /**
   * A server whose connections are served by {@code group}; pass the one-thread group the
   * engine runs on ({@link #newEventLoopGroup} + {@link NettyLoopExecutor}) to get Redis's
   * single-threaded model. The server shuts the group down on close.
   */
  public RespServer(EngineLoop loop, Config config, EventLoopGroup group) {
    this.loop = loop;
    this.config = config;
    this.node = loop.engine().node();
    this.group = group;
    this.channelClass = group instanceof EpollEventLoopGroup
        ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    loop.execute(() -> node.addCron(this::closeIdleClients));
  }

  /** An epoll (or NIO) event loop group of {@code threads} daemon threads. */
  @SuppressWarnings("deprecation")
  public static EventLoopGroup newEventLoopGroup(int threads, String name) {
    DefaultThreadFactory tf = new DefaultThreadFactory(name, true);
    // ioRatio 100: after each round of reads, every queued task runs before the next poll. With
    // the engine on the loop, that is all the commands just read, then their group commit and
    // replies (Redis's read / execute / beforeSleep cycle); tasks never pile up across rounds.
    if (Epoll.isAvailable()) {
      EpollEventLoopGroup g = new EpollEventLoopGroup(threads, tf);
      g.setIoRatio(100);
      return g;
    }
    NioEventLoopGroup g = new NioEventLoopGroup(threads, tf);
    g.setIoRatio(100);
    return g;
  }

  EngineLoop loop() {
    return loop;
  }

  Config config() {
    return config;
  }

  Stats stats() {
    return node.stats();
  }

  /**
   * Listens on every address of {@code bind} (space separated) at {@code port}; returns the
   * first bound address (with the actual port when {@code port} is 0).
   */
  public synchronized InetSocketAddress start(String bind, int port) {
    if (closed) throw new IllegalStateException("server closed");
    ServerBootstrap b = new ServerBootstrap()
        .group(group)
        .channel(channelClass)
        .option(ChannelOption.SO_BACKLOG, Math.max(1, config.getInt("tcp-backlog")))
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, config.getInt("tcp-keepalive") > 0)
        .childOption(ChannelOption.AUTO_READ, false)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
            new WriteBufferWaterMark(1024 * 1024, 4 * 1024 * 1024))
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            clients.add(ch);
            ch.pipeline().addLast("resp", new RespConnection(RespServer.this, ch));
          }
        });
    InetSocketAddress first = null;
    int actualPort = port;
    String[] addrs = bind == null || bind.isBlank() ? new String[] {"*"} : bind.trim().split("\\s+");
    for (String raw : addrs) {
      boolean optional = raw.startsWith("-");
      String host = optional ? raw.substring(1) : raw;
      if (host.equals("*")) host = "0.0.0.0";
      else if (host.equals("::*")) host = "::";
      try {
        Channel ch = b.bind(host, actualPort).syncUninterruptibly().channel();
        listeners.add(ch);
        InetSocketAddress bound = (InetSocketAddress) ch.localAddress();
        if (first == null) {
          first = bound;
          actualPort = bound.getPort();
        }
        log.info("Listening for RESP clients on {}", RespConnection.format(bound));
      } catch (Exception e) { // Netty rethrows the bind's IOException unchecked
        if (optional) {
          log.warn("Could not bind optional address {}:{}: {}", host, actualPort, e.toString());
          continue;
        }
        throw new UncheckedIOException(new BindException(
            "Could not create server TCP listening socket " + host + ":" + actualPort + ": " + e.getMessage()));
      }
    }
    if (first == null) {
      throw new UncheckedIOException(new BindException("No address of '" + bind + "' could be bound"));
    }
    node.setTcpPort(first.getPort());
    return first;
  }

  /** Stops listening, closes every client connection and stops the I/O threads. */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    for (Channel ch : listeners) ch.close().syncUninterruptibly();
    listeners.clear();
    clients.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  /** Engine cron: Redis's clientsCronHandleTimeout for this server's connections. */
  private void closeIdleClients(long nowMs) {
    if (closed || nowMs < nextIdleCheckMs) return;
    nextIdleCheckMs = nowMs + IDLE_CHECK_PERIOD_MS;
    long maxIdleSeconds = config.getLong("timeout");
    if (maxIdleSeconds <= 0) return;
    for (ClientSession s : new ArrayList<>(node.clients().all())) {
      if (!(s.connection() instanceof RespConnection c) || c.server() != this) continue;
      if (s.kind() != ClientSession.Kind.NORMAL || s.blocked() || s.subscriptionCount() > 0) continue;
      if (nowMs - s.lastInteractionMs() > maxIdleSeconds * 1000) {
        log.debug("Closing idle client addr={}", c.remoteAddress());
        c.close();
      }
    }
  }
}
