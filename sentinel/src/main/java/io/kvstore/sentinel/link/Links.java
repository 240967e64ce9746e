package io.kvstore.sentinel.link;

import io.kvstore.core.reply.Reply;
import io.kvstore.core.sentinel.Instance;
import io.kvstore.core.sentinel.SentinelIo.LinkKind;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollEventLoop;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The sentinel's connections to instances, two per instance at most (commands and pub/sub),
 * all on the one event loop the sentinel runs on. A connection that fails or closes by itself is
 * reported through {@code onLost} (the state then reconnects on its own schedule).
 */
public final class Links {
  static final int CONNECT_TIMEOUT_MS = 5000;

  private final EventLoop loop;
  private final Consumer<Runnable> dispatch;
  private final BiConsumer<Instance, LinkKind> onLost;
  private final Map<Instance, Conn> cmd = new IdentityHashMap<>();
  private final Map<Instance, Conn> pubsub = new IdentityHashMap<>();

  /**
   * @param loop the event loop connections live on (the engine's)
   * @param dispatch runs state work on the engine loop (replies, losses)
   * @param onLost told when a connection ended on its own
   */
  public Links(EventLoop loop, Consumer<Runnable> dispatch, BiConsumer<Instance, LinkKind> onLost) {
    this.loop = loop;
    this.dispatch = dispatch;
    this.onLost = onLost;
  }

  private Map<Instance, Conn> table(LinkKind kind) {
    return kind == LinkKind.CMD ? cmd : pubsub;
  }

  public boolean connect(Instance ri, LinkKind kind) {
    String ip = ri.addr().ip();
    if (ip.isEmpty() || ri.addr().port() <= 0) return false;
    close(ri, kind);
    Map<Instance, Conn> table = table(kind);
    Conn[] self = new Conn[1];
    Conn c = new Conn(dispatch, () -> {
      if (table.get(ri) == self[0]) {
        table.remove(ri);
        onLost.accept(ri, kind);
      }
    });
    self[0] = c;
    Bootstrap b = new Bootstrap().group(loop)
        .channel(loop instanceof EpollEventLoop ? EpollSocketChannel.class : NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
        .handler(c);
    ChannelFuture f;
    try {
      f = b.connect(ip, ri.addr().port());
    } catch (RuntimeException e) {
      return false;
    }
    Channel ch = f.channel();
    c.attach(ch);
    table.put(ri, c);
    f.addListener(done -> {
      if (done.isSuccess()) c.connected();
      else c.lost();
    });
    return true;
  }

  public void close(Instance ri, LinkKind kind) {
    Conn c = table(kind).remove(ri);
    if (c != null) c.close();
  }

  public boolean send(Instance ri, LinkKind kind, List<String> argv, Consumer<Reply> onReply) {
    Conn c = table(kind).get(ri);
    if (c == null) return false;
    // on a pub/sub connection the last command sent is SUBSCRIBE, whose callback then takes
    // every message: so each answered command's callback takes over unsolicited replies
    c.send(argv, onReply, kind == LinkKind.PUBSUB);
    return true;
  }

  public String localIp(Instance ri) {
    Conn c = cmd.get(ri);
    return c == null ? null : c.localIp();
  }

  /** Closes every connection (shutdown). */
  public void closeAll() {
    for (Conn c : List.copyOf(cmd.values())) c.close();
    for (Conn c : List.copyOf(pubsub.values())) c.close();
    cmd.clear();
    pubsub.clear();
  }
}
