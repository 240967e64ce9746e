package io.kvstore.core.testing;

import io.kvstore.core.cmd.CommandTables;
import io.kvstore.core.config.Config;
import io.kvstore.core.engine.ClientConnection;
import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.engine.Effect;
import io.kvstore.core.engine.Engine;
import io.kvstore.core.engine.ManualClock;
import io.kvstore.core.engine.Node;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.MemoryStore;
import io.kvstore.core.store.Store;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An in-process node for command tests: memory store, manual clock, effects captured, no
 * sockets and no engine thread (commands run on the test thread).
 */
public final class TestNode {
  public final ManualClock clock = new ManualClock(1_700_000_000_000L);
  public final Config config;
  public final Store store;
  public final Node node;
  public final Engine engine;
  public final List<Effect> effects = new ArrayList<>();

  public TestNode() {
    this(new Config(), new MemoryStore(16));
  }

  public TestNode(Config config, Store store) {
    this.config = config;
    this.store = store;
    this.node = new Node(config, clock, store, CommandTables.standard(), new SplittableRandom(42));
    this.node.setEffectSink(effects::addAll);
    this.engine = new Engine(node);
  }

  public Client client() {
    return new Client();
  }

  /** Effects as strings like {@code "0:SET k v PXAT 123"}, then cleared. */
  public List<String> takeEffects() {
    List<String> out = effects.stream().map(Effect::toString).toList();
    effects.clear();
    return out;
  }

  /** A connected client; replies and pushes it received are recorded in order. */
  public final class Client implements ClientConnection {
    public final ClientSession session;
    public final List<Reply> received = new ArrayList<>();
    public boolean closed;

    Client() {
      this.session = engine.open(this);
    }

    /** Runs one command and returns its direct reply (pushes go to {@link #received}). */
    public Reply exec(String... words) {
      byte[][] argv = new byte[words.length][];
      for (int i = 0; i < words.length; i++) argv[i] = words[i].getBytes(StandardCharsets.UTF_8);
      return execRaw(argv);
    }

    public Reply execRaw(byte[][] argv) {
      Reply r = engine.execute(session, argv);
      deliverOutbox();
      return r;
    }

    /** Everything pushed to this client since the last call. */
    public List<Reply> takeReceived() {
      deliverOutbox();
      List<Reply> out = new ArrayList<>(received);
      received.clear();
      return out;
    }

    @Override public void send(Reply reply) { received.add(reply); }
    @Override public void flush() {}
    @Override public void close() { closed = true; }
    @Override public String remoteAddress() { return "127.0.0.1:" + (40000 + session.id()); }
    @Override public String localAddress() { return "127.0.0.1:6379"; }
  }

  private void deliverOutbox() {
    for (Node.Outgoing o : node.drainOutbox()) {
      if (!(o.reply() instanceof Reply.None)) o.session().connection().send(o.reply());
      if (o.session().closeAfterReply()) o.session().connection().close();
    }
  }

  // ---- assertion helpers ----

  public static String text(Reply r) {
    return Replies.text(r);
  }
}
