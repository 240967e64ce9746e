package io.kvstore.core.command;

import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.engine.Effect;
import io.kvstore.core.engine.Node;
import io.kvstore.core.keyspace.Keyspace;
import io.kvstore.core.reply.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a command sees while it runs: the node, the calling session, the command's time ("now",
 * fixed for the whole command so expiry decisions are consistent and replayable) and the list
 * its effects are appended to.
 */
public final class Ctx {
  private final Node node;
  private final ClientSession session;
  private final long now;
  private final List<Effect> effects;
  private final Executor executor;

  /** Runs a nested command (EXEC's queued commands) through the engine's call path. */
  @FunctionalInterface
  public interface Executor {
    Reply call(Ctx parent, CommandSpec spec, byte[][] argv);
  }

  public Ctx(Node node, ClientSession session, long now, List<Effect> effects, Executor executor) {
    this.node = node;
    this.session = session;
    this.now = now;
    this.effects = effects;
    this.executor = executor;
  }

  public Node node() { return node; }
  public ClientSession session() { return session; }
  /** Unix ms for this command. */
  public long now() { return now; }
  public List<Effect> effects() { return effects; }

  /** The session's selected database. */
  public Keyspace db() {
    return new Keyspace(this, session.db());
  }

  public Keyspace db(int index) {
    return new Keyspace(this, index);
  }

  /** Records an effect in the session's current database. */
  public void propagate(byte[]... argv) {
    effects.add(new Effect(session.db(), argv));
  }

  public void propagate(int db, byte[][] argv) {
    effects.add(new Effect(db, argv));
  }

  public static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Queues an extra frame to this session (SUBSCRIBE confirmations), after the batch commits. */
  public void push(Reply reply) {
    node.deliver(session, reply);
  }

  /** Executes a queued command with the same time, sharing this command's effect list. */
  public Reply call(CommandSpec spec, byte[][] argv) {
    return executor.call(this, spec, argv);
  }

  public Ctx child() {
    return new Ctx(node, session, now, effects, executor);
  }

  static List<Effect> newEffects() {
    return new ArrayList<>(2);
  }
}
