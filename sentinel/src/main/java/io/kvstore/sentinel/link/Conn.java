package io.kvstore.sentinel.link;

import io.kvstore.core.reply.Reply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * One outgoing connection: commands are written as RESP arrays (queued until the TCP connect
 * completes), replies are matched to their callbacks in order. After the reply to a SUBSCRIBE,
 * its callback also receives every later message. Callbacks run through {@code dispatch} (the
 * engine loop), and never after {@link #close()}. When the peer closes, the connect fails or a
 * reply cannot be parsed, {@code onLost} runs once.
 *
 * <p>Used on the event loop thread only.
 */
final class Conn extends ChannelInboundHandlerAdapter {
  private record Pending(Consumer<Reply> callback, boolean takesMessages) {}

  private final Deque<Pending> pending = new ArrayDeque<>();
  private final List<ByteBuf> beforeConnect = new ArrayList<>();
  private final ReplyDecoder decoder = new ReplyDecoder();
  private final Consumer<Runnable> dispatch;
  private final Runnable onLost;
  private Consumer<Reply> subscriber;
  private ByteBuf buffer;
  private Channel channel;
  private boolean connected;
  private boolean closed;

  Conn(Consumer<Runnable> dispatch, Runnable onLost) {
    this.dispatch = dispatch;
    this.onLost = onLost;
  }

  void attach(Channel ch) {
    this.channel = ch;
  }

  /** The TCP connection is up: write what was queued. */
  void connected() {
    if (closed) return;
    connected = true;
    for (ByteBuf b : beforeConnect) channel.write(b);
    beforeConnect.clear();
    channel.flush();
  }

  void send(List<String> argv, Consumer<Reply> callback, boolean takesMessages) {
    if (closed) return;
    ByteBuf out = encode(argv);
    pending.add(new Pending(callback, takesMessages));
    if (connected) {
      channel.writeAndFlush(out);
    } else {
      beforeConnect.add(out);
    }
  }

  static ByteBuf encode(List<String> argv) {
    StringBuilder sb = new StringBuilder();
    sb.append('*').append(argv.size()).append("\r\n");
    ByteBuf out = Unpooled.buffer();
    out.writeCharSequence(sb, StandardCharsets.US_ASCII);
    for (String a : argv) {
      byte[] b = a.getBytes(StandardCharsets.UTF_8);
      out.writeCharSequence("$" + b.length + "\r\n", StandardCharsets.US_ASCII);
      out.writeBytes(b);
      out.writeByte('\r').writeByte('\n');
    }
    return out;
  }

  String localIp() {
    if (!connected || channel == null || !(channel.localAddress() instanceof InetSocketAddress a)) {
      return null;
    }
    return a.getAddress().getHostAddress();
  }

  /** Closed by us: no callback will run, onLost is not called. */
  void close() {
    if (closed) return;
    closed = true;
    pending.clear();
    subscriber = null;
    for (ByteBuf b : beforeConnect) b.release();
    beforeConnect.clear();
    if (channel != null) channel.close();
    if (buffer != null) {
      buffer.release();
      buffer = null;
    }
  }

  /** The connection failed or ended on its own. */
  void lost() {
    if (closed) return;
    close();
    dispatch.accept(onLost);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf in = (ByteBuf) msg;
    if (closed) {
      in.release();
      return;
    }
    if (buffer == null) {
      buffer = in;
    } else {
      buffer = Unpooled.wrappedBuffer(buffer, in);
    }
    List<Reply> replies = new ArrayList<>();
    try {
      decoder.decode(buffer, replies);
    } catch (IllegalStateException e) {
      lost();
      return;
    }
    if (!buffer.isReadable()) {
      buffer.release();
      buffer = null;
    } else {
      ByteBuf rest = Unpooled.copiedBuffer(buffer);
      buffer.release();
      buffer = rest;
    }
    for (Reply r : replies) {
      Consumer<Reply> cb;
      Pending p = pending.poll();
      if (p != null) {
        cb = p.callback();
        if (p.takesMessages()) subscriber = cb;
      } else if (subscriber != null) {
        cb = subscriber;
      } else {
        lost(); // a reply nobody asked for: the stream is out of step
        return;
      }
      if (cb != null) dispatch.accept(() -> {
        if (!closed) cb.accept(r);
      });
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    lost();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    lost();
  }
}
