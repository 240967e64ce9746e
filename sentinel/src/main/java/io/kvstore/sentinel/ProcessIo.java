package io.kvstore.sentinel;

import io.kvstore.core.reply.Reply;
import io.kvstore.core.sentinel.EventLevel;
import io.kvstore.core.sentinel.Instance;
import io.kvstore.core.sentinel.SentinelIo;
import io.kvstore.core.store.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * The process side of {@link SentinelIo}: links over the network, events into the log and onto
 * the sentinel's own pub/sub, the config file.
 */
final class ProcessIo implements SentinelIo {
  private final SentinelServer server;

  ProcessIo(SentinelServer server) {
    this.server = server;
  }

  @Override
  public boolean connect(Instance ri, LinkKind kind) {
    return server.links().connect(ri, kind);
  }

  @Override
  public void close(Instance ri, LinkKind kind) {
    server.links().close(ri, kind);
  }

  @Override
  public boolean send(Instance ri, LinkKind kind, List<String> argv, Consumer<Reply> onReply) {
    return server.links().send(ri, kind, argv, onReply);
  }

  @Override
  public String localIp(Instance ri) {
    return server.links().localIp(ri);
  }

  @Override
  public void event(EventLevel level, String type, String message) {
    server.options().log().log(level, type + " " + message);
    if (level != EventLevel.DEBUG && server.node() != null) {
      server.node().pubsub().publish(Bytes.of(type), message.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Override
  public void log(EventLevel level, String message) {
    server.options().log().log(level, message);
  }

  @Override
  public boolean flushConfig() {
    return server.flushConfig();
  }

  @Override
  public void simulatedCrash() {
    server.options().exit().accept(99);
  }
}
