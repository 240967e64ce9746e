package io.kvstore.replication;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * Opens one connection to a master on the engine's event loop and hands its events to the link
 * as engine tasks (so each ends with the engine loop's commit), tagged with the attempt's
 * generation so the link can ignore a connection it has already given up on.
 */
final class MasterConnector {
  /** What a connection attempt reports; every call runs on the engine thread. */
  interface Events {
    void connected(int gen, Channel channel);

    void received(int gen, byte[] bytes);

    void closed(int gen);

    void connectFailed(int gen, String why);
  }

  private MasterConnector() {}

  static void connect(Replication r, String host, int port, int gen, Events events) {
    EventLoop io = r.ioLoop();
    Bootstrap b = new Bootstrap().group(io)
        .channel(io.parent() instanceof EpollEventLoopGroup ? EpollSocketChannel.class : NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
            (int) Math.min(Integer.MAX_VALUE, r.node().config().getLong("repl-timeout") * 1000))
        .handler(new Handler(r, gen, events));
    b.connect(host, port).addListener(f -> {
      if (!f.isSuccess()) r.loop().execute(() -> events.connectFailed(gen, describe(f.cause())));
    });
  }

  private static String describe(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null) c = c.getCause();
    return String.valueOf(c.getMessage() != null ? c.getMessage() : c);
  }

  private static final class Handler extends ChannelInboundHandlerAdapter {
    private final Replication r;
    private final int gen;
    private final Events events;

    Handler(Replication r, int gen, Events events) {
      this.r = r;
      this.gen = gen;
      this.events = events;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      Channel ch = ctx.channel();
      r.loop().execute(() -> events.connected(gen, ch));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf in = (ByteBuf) msg;
      byte[] bytes = new byte[in.readableBytes()];
      in.readBytes(bytes);
      in.release();
      r.node().stats().netInputBytes.add(bytes.length);
      r.node().stats().netReplInputBytes.add(bytes.length);
      r.loop().execute(() -> events.received(gen, bytes));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      r.loop().execute(() -> events.closed(gen));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
