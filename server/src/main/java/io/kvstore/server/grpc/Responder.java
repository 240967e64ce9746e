package io.kvstore.server.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.kvstore.core.reply.Reply;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Completes a unary gRPC call from an engine reply. Replies arrive on the engine thread; the
 * response is built and serialized on {@code executor} so large values never stall the engine.
 */
final class Responder {
  /** Maps a non-error reply to the response message; throws {@link UnexpectedReply} otherwise. */
  @FunctionalInterface
  interface Mapper<T> {
    T map(Reply reply);
  }

  /** The engine answered with a shape the typed call does not expect. */
  static final class UnexpectedReply extends RuntimeException {
    UnexpectedReply(Reply r) {
      super("unexpected reply " + r);
    }
  }

  private final Executor executor;

  Responder(Executor executor) {
    this.executor = executor;
  }

  /** Error replies become the call's status with the Redis text as its description. */
  <T> void reply(CompletableFuture<Reply> call, StreamObserver<T> observer, Mapper<T> mapper) {
    call.whenCompleteAsync((r, t) -> {
      if (t != null) {
        fail(observer, StatusMapper.fromThrowable(t));
        return;
      }
      if (r instanceof Reply.Error e) {
        fail(observer, StatusMapper.toStatus(e));
        return;
      }
      T response;
      try {
        response = mapper.map(r);
      } catch (UnexpectedReply | ClassCastException e) {
        fail(observer, Status.INTERNAL.withDescription("unexpected reply from the engine: " + r));
        return;
      }
      try {
        observer.onNext(response);
        observer.onCompleted();
      } catch (StatusRuntimeException cancelled) {
        // the client went away meanwhile
      }
    }, executor);
  }

  static void fail(StreamObserver<?> observer, Status status) {
    try {
      observer.onError(status.asRuntimeException());
    } catch (StatusRuntimeException | IllegalStateException cancelled) {
      // the client went away meanwhile
    }
  }
}
