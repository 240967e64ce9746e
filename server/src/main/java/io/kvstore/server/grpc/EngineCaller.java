package io.kvstore.server.grpc;

import io.grpc.Context;
import io.grpc.Status;
import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.engine.Engine;
import io.kvstore.core.engine.EngineLoop;
import io.kvstore.core.engine.Node;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.Reply;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Runs one command for a gRPC call on the engine thread, in a client session of its own:
 * open the session, authenticate (AUTH through the engine when the server has a password),
 * select the database, execute, and let the loop deliver the reply after its batch commits.
 *
 * <p>Credential problems fail the future with a status (UNAUTHENTICATED when no password was
 * sent, PERMISSION_DENIED for a wrong one); every other outcome, errors included, is the
 * command's {@link Reply}.
 */
public final class EngineCaller {
  private static final byte[] AUTH = "AUTH".getBytes(StandardCharsets.UTF_8);

  private final EngineLoop loop;
  private final Node node;

  public EngineCaller(EngineLoop loop) {
    this.loop = loop;
    this.node = loop.engine().node();
  }

  public Node node() {
    return node;
  }

  /** Runs {@code argv} in database {@code db} for the current gRPC call's identity. */
  public CompletableFuture<Reply> call(int db, byte[][] argv) {
    return call(CallIdentity.current(), db, argv);
  }

  /**
   * As {@link #call(int, byte[][])}; {@code staleReads}: the caller accepts a possibly stale read
   * from this node's own data (raft mode's {@code stale_ok} / {@code READ_MODE_STALE}).
   */
  public CompletableFuture<Reply> call(int db, byte[][] argv, boolean staleReads) {
    return call(CallIdentity.current(), db, argv, staleReads);
  }

  public CompletableFuture<Reply> call(CallIdentity who, int db, byte[][] argv) {
    return call(who, db, argv, false);
  }

  public CompletableFuture<Reply> call(CallIdentity who, int db, byte[][] argv, boolean staleReads) {
    if (argv.length == 0) {
      return CompletableFuture.failedFuture(
          Status.INVALID_ARGUMENT.withDescription("empty command").asRuntimeException());
    }
    boolean needsPassword = !node.config().get("requirepass").isEmpty();
    if (needsPassword && who.password() == null) {
      return CompletableFuture.failedFuture(
          Status.UNAUTHENTICATED.withDescription(Errors.NOAUTH).asRuntimeException());
    }
    Engine engine = loop.engine();
    CallConnection conn = new CallConnection(engine, who);
    Context grpcContext = Context.current();
    loop.execute(() -> run(engine, conn, who, db, argv, staleReads));
    // A call cancelled before its reply frees its session (a blocked command stops waiting).
    Context.CancellationListener onCancel = ctx -> loop.execute(() -> conn.abandon(
        Status.CANCELLED.withDescription("call cancelled").asRuntimeException()));
    grpcContext.addListener(onCancel, Runnable::run);
    conn.result().whenComplete((r, t) -> grpcContext.removeListener(onCancel));
    return conn.result();
  }

  private void run(Engine engine, CallConnection conn, CallIdentity who, int db, byte[][] argv,
      boolean staleReads) {
    if (conn.result().isDone()) return; // cancelled before it reached the engine
    try {
      ClientSession s = conn.open();
      s.setStaleReads(staleReads);
      if (who.password() != null && !node.config().get("requirepass").isEmpty()) {
        Reply auth = engine.execute(s, new byte[][] {AUTH, who.password().getBytes(StandardCharsets.UTF_8)});
        if (auth instanceof Reply.Error e) {
          conn.abandon(StatusMapper.toException(e));
          return;
        }
      }
      if (db != 0) {
        if (db < 0 || db >= node.databases()) {
          node.deliver(s, Reply.error(Errors.DB_INDEX));
          return;
        }
        s.select(db);
      }
      Reply r = engine.execute(s, argv);
      if (!(r instanceof Reply.None)) node.deliver(s, r);
    } catch (RuntimeException e) {
      conn.abandon(Status.INTERNAL.withDescription(String.valueOf(e.getMessage()))
          .withCause(e).asRuntimeException());
    }
  }
}
