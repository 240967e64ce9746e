package io.kvstore.server.grpc;

import io.grpc.Status;
import io.kvstore.core.engine.ClientConnection;
import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.engine.Engine;
import io.kvstore.core.reply.Reply;
import java.util.concurrent.CompletableFuture;

/**
 * The transport side of one gRPC call's client session. The engine loop calls {@link #send}
 * only after the batch holding the command has committed, so completing the call's future
 * there gives gRPC the same acknowledge-after-durable guarantee as RESP. The first frame
 * answers the call; the session is then forgotten (at the loop's flush, on the engine thread).
 */
final class CallConnection implements ClientConnection {
  private final CompletableFuture<Reply> result = new CompletableFuture<>();
  private final Engine engine;
  private final CallIdentity identity;
  private ClientSession session; // engine thread only
  private boolean released;

  CallConnection(Engine engine, CallIdentity identity) {
    this.engine = engine;
    this.identity = identity;
  }

  CompletableFuture<Reply> result() {
    return result;
  }

  /** Engine thread: opens the session this connection belongs to. */
  ClientSession open() {
    session = engine.open(this);
    return session;
  }

  /** Engine thread: the call ended without a reply (cancelled, failed): forget the session. */
  void abandon(Throwable why) {
    result.completeExceptionally(why);
    release();
  }

  @Override
  public void send(Reply reply) {
    result.complete(reply);
  }

  @Override
  public void flush() {
    if (result.isDone()) release();
  }

  @Override
  public void close() {
    if (!result.isDone()) {
      result.completeExceptionally(
          Status.UNAVAILABLE.withDescription("connection closed by the server").asRuntimeException());
    }
    release();
  }

  private void release() {
    if (session != null && !released) {
      released = true;
      engine.close(session);
    }
  }

  @Override
  public String remoteAddress() {
    return identity.remoteAddress();
  }

  @Override
  public String localAddress() {
    return identity.localAddress();
  }
}
