package io.kvstore.raft;

import io.kvstore.core.engine.ClientConnection;
import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.engine.EngineLoop;
import io.kvstore.core.reply.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An in-process client of one member: commands go through the engine loop as a RESP client's do. */
final class TestClient implements ClientConnection {
  private final EngineLoop loop;
  private final LinkedBlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
  private final ClientSession session;

  TestClient(EngineLoop loop) {
    this.loop = loop;
    this.session = loop.call(e -> e.open(this)).join();
  }

  ClientSession session() {
    return session;
  }

  /** Sends one command and returns its reply as text (fails after 30 s without one). */
  String call(String... words) {
    return pipeline(List.<String[]>of(words)).get(0);
  }

  /** Sends commands as one pipelined batch; their replies in order. */
  List<String> pipeline(List<String[]> commands) {
    List<byte[][]> batch = new ArrayList<>();
    for (String[] words : commands) batch.add(argv(words));
    loop.submit(session, batch);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < commands.size(); i++) out.add(Text.of(take()));
    return out;
  }

  Reply take() {
    try {
      Reply r = replies.poll(30, TimeUnit.SECONDS);
      if (r == null) throw new AssertionError("no reply within 30 s");
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static byte[][] argv(String... words) {
    byte[][] a = new byte[words.length][];
    for (int i = 0; i < words.length; i++) a[i] = words[i].getBytes(StandardCharsets.UTF_8);
    return a;
  }

  @Override
  public void send(Reply reply) {
    replies.add(reply);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}

  @Override
  public String remoteAddress() {
    return "test:1";
  }

  @Override
  public String localAddress() {
    return "test:0";
  }
}
