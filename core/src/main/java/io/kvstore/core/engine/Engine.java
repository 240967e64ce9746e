package io.kvstore.core.engine;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.CommandFlag;
import io.kvstore.core.command.CommandSpec;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.RedisException;
import io.kvstore.core.reply.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command engine: lookup in the command table, the gates Redis's processCommand applies (in
 * its order: unknown command, arity, AUTH, module gates such as READONLY/NOREPLICAS, the RESP2
 * subscribed context, MULTI queueing), then the call, whose effects go to the effect sink.
 *
 * <p>Single-threaded by design (like Redis): one engine thread executes every command, so
 * commands are atomic and MULTI/EXEC needs no locks. Time is read once per command from the
 * injected clock.
 */
public final class Engine {
  private static final byte[] MULTI = "MULTI".getBytes(StandardCharsets.UTF_8);
  private static final byte[] EXEC = "EXEC".getBytes(StandardCharsets.UTF_8);

  private final Node node;
  private final Ctx.Executor nestedCall = this::nested;

  public Engine(Node node) {
    this.node = node;
  }

  public Node node() {
    return node;
  }

  /** Registers a new client connection. */
  public ClientSession open(ClientConnection connection) {
    boolean noPassword = node.config().get("requirepass").isEmpty();
    ClientSession s = new ClientSession(node.clients().nextId(), connection,
        node.clock().millis(), noPassword);
    node.clients().add(s);
    node.stats().totalConnections++;
    return s;
  }

  /** Forgets a closed client: watches, subscriptions, registry. */
  public void close(ClientSession s) {
    node.clientClosed(s);
    node.watches().unwatchAll(s);
    node.pubsub().removeAll(s);
    node.clients().remove(s);
  }

  /** Full path for one client command; returns the reply ({@link Reply#NONE} when deferred). */
  public Reply execute(ClientSession s, byte[][] argv) {
    if (node.backend().hold(s, argv)) return Reply.NONE;
    return run(s, argv, node.clock().millis(), true);
  }

  /**
   * Runs one command at unix time {@code now} with the same lookup, arity check, MULTI queueing
   * and call as {@link #execute}, but without the AUTH check, the gates and the node's
   * {@link CommandBackend}: the raft mode applies log entries with it (at the entry's timestamp)
   * and runs a read with it once the read's consistency barrier has passed.
   */
  public Reply executeAt(ClientSession s, byte[][] argv, long now) {
    return run(s, argv, now, false);
  }

  private Reply run(ClientSession s, byte[][] argv, long now, boolean fromClient) {
    s.touch(now);
    if (argv.length == 0) return Reply.NONE;
    CommandSpec spec = node.commands().lookup(argv[0]);
    if (spec == null) return reject(s, Errors.unknownCommand(argv));
    if (spec.isContainer() && (argv.length >= 2 || spec.impl() == null)) {
      // a container with its own implementation (COMMAND) runs it when called without a subcommand
      if (argv.length < 2) return reject(s, Errors.wrongArity(spec.name()));
      CommandSpec sub = spec.subcommands().get(new String(argv[1], StandardCharsets.UTF_8)
          .toLowerCase(Locale.ROOT));
      if (sub == null) {
        return reject(s, Errors.unknownSubcommand(new String(argv[1], StandardCharsets.UTF_8), spec.name()));
      }
      spec = sub;
    }
    int arity = spec.arity();
    if ((arity > 0 && argv.length != arity) || argv.length < -arity) {
      return reject(s, Errors.wrongArity(spec.name()));
    }
    if (fromClient && !s.authenticated() && !spec.has(CommandFlag.NO_AUTH)) {
      return reject(s, Errors.NOAUTH);
    }
    if (fromClient) {
      for (CommandGate gate : node.gates()) {
        String err = gate.check(s, spec, argv);
        if (err != null) return reject(s, err);
      }
    }
    if (s.resp() == 2 && s.subscriptionCount() > 0 && !spec.has(CommandFlag.PUBSUB_CONTEXT)) {
      return reject(s, "ERR Can't execute '" + spec.name()
          + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context");
    }
    if (s.inMulti() && !spec.has(CommandFlag.TX_CONTROL)) {
      if (spec.has(CommandFlag.NO_MULTI)) return reject(s, Errors.NOT_ALLOWED_IN_MULTI);
      s.queue(spec, argv);
      return Reply.QUEUED;
    }
    if (fromClient) {
      Reply routed = node.backend().route(s, spec, argv);
      if (routed != null) {
        s.setLastCommand(spec.name());
        return routed;
      }
    }
    List<Effect> effects = new ArrayList<>(2);
    Ctx ctx = new Ctx(node, s, now, effects, nestedCall);
    Reply r = invoke(ctx, spec, argv);
    s.setLastCommand(spec.name());
    if (!effects.isEmpty()) node.effectSink().append(s, wrap(effects));
    return r;
  }

  private Reply nested(Ctx parent, CommandSpec spec, byte[][] argv) {
    return invoke(parent.child(), spec, argv);
  }

  private Reply invoke(Ctx ctx, CommandSpec spec, byte[][] argv) {
    Reply r;
    try {
      r = spec.impl().execute(ctx, new Args(argv));
    } catch (RedisException e) {
      r = e.reply();
    }
    node.stats().totalCommands++; // counted after the call, as Redis (INFO does not count itself)
    if (r instanceof Reply.Error e) {
      node.stats().totalErrorReplies++;
      node.stats().countError(e.text());
    }
    return r;
  }

  private Reply reject(ClientSession s, String error) {
    s.flagMultiError();
    node.stats().totalErrorReplies++;
    node.stats().countError(error);
    return new Reply.Error(error);
  }

  /** Two or more effects of one command (or one EXEC) travel as one MULTI ... EXEC. */
  static List<Effect> wrap(List<Effect> effects) {
    if (effects.size() < 2) return effects;
    List<Effect> out = new ArrayList<>(effects.size() + 2);
    out.add(new Effect(effects.get(0).db(), new byte[][] {MULTI}));
    out.addAll(effects);
    out.add(new Effect(effects.get(effects.size() - 1).db(), new byte[][] {EXEC}));
    return out;
  }
}
