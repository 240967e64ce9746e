package io.kvstore.gateway;

import io.kvstore.core.engine.ClientConnection;
import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.Reply;
import io.kvstore.gateway.codec.RequestParser;
import io.kvstore.gateway.codec.RespDecoder;
import io.kvstore.gateway.codec.RespEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: the Netty handler of its channel (I/O thread) and the engine's
 * {@link ClientConnection} for it (engine thread).
 *
 * <p>Read path (I/O thread): bytes go through the {@link RespDecoder}; the commands of one read
 * burst are handed to the engine as one batch at channelReadComplete, so a pipelining client
 * costs one engine task per read. Reading is paused (autoRead off) while the session is being
 * opened, while the engine answers an authentication check, while the channel is not writable
 * or the engine lags many batches behind (backpressure), and for good after a protocol error.
 * A protocol error is delivered through the engine after the batch parsed before it, so its
 * reply follows theirs; the session is then marked close-after-reply, as Redis does.
 *
 * <p>Write path (engine thread): {@link #send} encodes into one buffer per flush and
 * {@link #flush} hands it to the channel (Netty's write is thread-safe and keeps order).
 */
final class RespConnection extends ChannelInboundHandlerAdapter implements ClientConnection {
  private static final Logger log = LoggerFactory.getLogger(RespConnection.class);
  private static final byte[] MAX_CLIENTS_FRAME =
      ("-" + Errors.MAX_CLIENTS + "\r\n").getBytes(StandardCharsets.US_ASCII);
  private static final int PAUSE_OPENING = 1;
  private static final int PAUSE_AUTH_CHECK = 2;
  private static final int PAUSE_BACKPRESSURE = 4;
  private static final int PAUSE_DONE = 8;
  private static final int PAUSE_ENGINE = 16;
  /** Batches handed to the engine before reading waits for it to catch up. */
  private static final int MAX_BATCHES_AHEAD = 16;

  private final RespServer server;
  private final Channel channel;
  private final String remote;
  private final String local;

  // engine thread (session is published to the I/O thread through the open future)
  private volatile ClientSession session;
  private volatile boolean authenticated;
  private volatile boolean closing;
  private volatile boolean replicaLink;
  private java.util.function.Consumer<Reply> onReplicaReply;
  private PayloadStream payload;
  private ByteBuf out;
  private Reply.Error protocolError;

  // I/O thread
  private RespDecoder decoder;
  private List<byte[][]> batch = new ArrayList<>();
  private int paused = PAUSE_OPENING;
  private boolean inactive;
  private int batchesAhead;

  RespConnection(RespServer server, Channel channel) {
    this.server = server;
    this.channel = channel;
    this.remote = format(channel.remoteAddress());
    this.local = format(channel.localAddress());
  }

  ClientSession session() {
    return session;
  }

  RespServer server() {
    return server;
  }

  // ---------------------------------------------------------------- I/O thread

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    RequestParser parser = new RequestParser(
        () -> server.config().getLong("proto-max-bulk-len"), () -> !authenticated);
    decoder = new RespDecoder(channel.alloc(), parser,
        () -> server.config().getLong("client-query-buffer-limit"));
    server.loop().call(engine -> {
      int max = server.config().getInt("maxclients");
      if (engine.node().clients().size() >= max) {
        engine.node().stats().rejectedConnections++;
        return null;
      }
      ClientSession s = engine.open(this);
      authenticated = s.authenticated();
      session = s;
      return s;
    }).whenComplete((s, err) -> channel.eventLoop().execute(() -> opened(s, err)));
    ctx.fireChannelActive();
  }

  private void opened(ClientSession s, Throwable err) {
    if (err != null || s == null) {
      if (err != null) log.warn("Opening client {} failed: {}", remote, err.toString());
      else log.warn("Rejecting client {}: max number of clients reached", remote);
      server.stats().netOutputBytes.add(MAX_CLIENTS_FRAME.length);
      channel.writeAndFlush(Unpooled.wrappedBuffer(MAX_CLIENTS_FRAME))
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    if (inactive) {
      server.loop().execute(() -> server.loop().engine().close(s));
      return;
    }
    if ((paused & PAUSE_DONE) != 0) return;
    handle(decoder.resume(batch));
    submit();
    resume(PAUSE_OPENING);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf in = (ByteBuf) msg;
    server.stats().netInputBytes.add(in.readableBytes());
    if ((paused & (PAUSE_OPENING | PAUSE_AUTH_CHECK)) != 0) {
      handle(decoder.hold(in));
    } else {
      handle(decoder.offer(in, batch));
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    submit();
  }

  private void handle(RespDecoder.Outcome outcome) {
    switch (outcome) {
      case NEED_MORE:
        return;
      case AUTH_CHECK:
        submit();
        pause(PAUSE_AUTH_CHECK);
        ClientSession s = session;
        server.loop().execute(() -> {
          authenticated = s.authenticated();
          channel.eventLoop().execute(this::authChecked);
        });
        return;
      case PROTOCOL_ERROR:
        submit();
        protocolError(decoder.errorText());
        return;
      case QUERY_BUFFER_LIMIT:
        submit();
        log.warn("Closing client that reached max query buffer length: addr={} (qbuf initial bytes: \"{}\")",
            remote, decoder.preview(64));
        pause(PAUSE_DONE);
        decoder.release();
        channel.close();
        return;
      default:
        throw new IllegalStateException(outcome.toString());
    }
  }

  private void authChecked() {
    if (inactive || (paused & PAUSE_DONE) != 0) return;
    decoder.parser().authStateConfirmed();
    resume(PAUSE_AUTH_CHECK);
    handle(decoder.resume(batch));
    submit();
  }

  private void protocolError(String text) {
    log.debug("Protocol error ({}) from client: addr={}", text, remote);
    pause(PAUSE_DONE);
    ClientSession s = session;
    Reply.Error reply = new Reply.Error(text);
    server.loop().execute(() -> {
      protocolError = reply;
      s.setCloseAfterReply();
      server.loop().engine().node().deliver(s, reply);
    });
  }

  private void submit() {
    if (batch.isEmpty() || session == null || inactive) return;
    server.loop().submit(session, batch);
    batch = new ArrayList<>();
    // an engine on this very thread runs the batch before the next read (ioRatio 100), so only
    // an engine thread of its own can fall behind
    if (server.loop().onLoopThread()) return;
    if (++batchesAhead >= MAX_BATCHES_AHEAD && (paused & PAUSE_ENGINE) == 0) {
      // a client sending faster than the engine executes: read again once the engine has
      // reached this point of the queue, so queued work per connection stays bounded
      pause(PAUSE_ENGINE);
      server.loop().execute(() -> channel.eventLoop().execute(() -> {
        batchesAhead = 0;
        resume(PAUSE_ENGINE);
      }));
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    // a replica link keeps reading its ACKs while its output is backed up
    if (channel.isWritable() || replicaLink) resume(PAUSE_BACKPRESSURE);
    else pause(PAUSE_BACKPRESSURE);
    PayloadStream p = payload;
    if (p != null) p.wakeUp();
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    inactive = true;
    PayloadStream p = payload;
    if (p != null) p.wakeUp();
    batch = new ArrayList<>();
    if (decoder != null) decoder.release();
    ClientSession s = session;
    if (s != null) server.loop().execute(() -> server.loop().engine().close(s));
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("Client {} connection error: {}", remote, cause.toString());
    channel.close();
  }

  private void pause(int reason) {
    paused |= reason;
    channel.config().setAutoRead(false);
  }

  private void resume(int reason) {
    paused &= ~reason;
    if (paused == 0) channel.config().setAutoRead(true);
  }

  // ---------------------------------------------------------------- engine thread

  @Override
  public void send(Reply reply) {
    if (closing) return;
    if (replicaLink) {
      // Redis never answers a replica; the replication layer decides what a reply means
      if (!(reply instanceof Reply.None)) onReplicaReply.accept(reply);
      return;
    }
    if (out == null) out = channel.alloc().buffer(256);
    if (reply == protocolError) {
      RespEncoder.rawError(protocolError.text(), out);
    } else {
      RespEncoder.encode(reply, session.resp(), out);
    }
  }

  @Override
  public void flush() {
    ClientSession s = session;
    if (s != null) authenticated = s.authenticated();
    ByteBuf buf = out;
    if (buf == null) return;
    out = null;
    server.stats().netOutputBytes.add(buf.readableBytes());
    channel.writeAndFlush(buf, channel.voidPromise());
  }

  @Override
  public void sendRaw(byte[] bytes) {
    if (closing) return;
    if (out == null) out = channel.alloc().buffer(Math.max(256, bytes.length));
    out.writeBytes(bytes);
  }

  @Override
  public long pendingOutputBytes() {
    ByteBuf buf = out;
    long queued = buf == null ? 0 : buf.readableBytes();
    var outbound = channel.unsafe().outboundBuffer();
    return queued + (outbound == null ? 0 : outbound.totalPendingWriteBytes());
  }

  @Override
  public void becomeReplicaLink(java.util.function.Consumer<Reply> onReply) {
    onReplicaReply = onReply;
    replicaLink = true;
    resume(PAUSE_BACKPRESSURE);
  }

  @Override
  public java.io.OutputStream openPayloadStream() {
    PayloadStream p = new PayloadStream(channel, server.stats());
    payload = p;
    return p;
  }

  @Override
  public void close() {
    flush();
    closing = true;
    channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public String remoteAddress() {
    return remote;
  }

  @Override
  public String localAddress() {
    return local;
  }

  /** Redis's address form: {@code ip:port}, {@code [ipv6]:port}. */
  static String format(SocketAddress a) {
    if (a instanceof InetSocketAddress i) {
      String ip = i.getAddress() != null ? i.getAddress().getHostAddress() : i.getHostString();
      int pct = ip.indexOf('%');
      if (pct >= 0) ip = ip.substring(0, pct);
      return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + i.getPort();
    }
    return String.valueOf(a);
  }
}
