package io.kvstore.server.grpc;

import com.google.protobuf.ByteString;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.kvstore.core.reply.Reply;
import io.kvstore.proto.v1.ScanRequest;
import io.kvstore.proto.v1.ScanResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * One Scan call: runs {@code SCAN cursor [MATCH] [COUNT] [TYPE]} through the engine page after
 * page until the cursor comes back as "0", streaming each non-empty page (the last page is
 * always sent, so the client sees the final cursor). Pages are requested one at a time and
 * only while the client's stream is ready, so a slow reader holds back the scan instead of
 * filling server memory. Each page is its own engine command, as with a RESP client looping
 * over SCAN: keys written between pages follow SCAN's guarantees.
 */
final class ScanStream {
  private final EngineCaller engine;
  private final Executor executor;
  private final ScanRequest request;
  private final ServerCallStreamObserver<ScanResponse> observer;
  private final Context callContext;
  private String cursor;
  private boolean inFlight;
  private boolean finished;

  ScanStream(EngineCaller engine, Executor executor, ScanRequest request,
      ServerCallStreamObserver<ScanResponse> observer) {
    this.engine = engine;
    this.executor = executor;
    this.request = request;
    this.observer = observer;
    this.callContext = Context.current();
    this.cursor = request.getCursor().isEmpty() ? "0" : request.getCursor();
  }

  /** Must run inside the gRPC method (handlers are registered there). */
  void start() {
    observer.setOnCancelHandler(() -> {
      synchronized (this) {
        finished = true;
      }
    });
    observer.setOnReadyHandler(this::nextPage);
    nextPage();
  }

  private void nextPage() {
    String c;
    synchronized (this) {
      if (finished || inFlight || !observer.isReady()) return;
      inFlight = true;
      c = cursor;
    }
    byte[][] argv = Argv.scan(request, c);
    Context previous = callContext.attach();
    try {
      engine.call(request.getDb(), argv,
          request.getReadMode() == io.kvstore.proto.v1.ReadMode.READ_MODE_STALE)
          .whenCompleteAsync(this::onPage, executor);
    } finally {
      callContext.detach(previous);
    }
  }

  private void onPage(Reply r, Throwable t) {
    if (t != null) {
      finish(StatusMapper.fromThrowable(t));
      return;
    }
    if (r instanceof Reply.Error e) {
      finish(StatusMapper.toStatus(e));
      return;
    }
    if (!(r instanceof Reply.Array page) || page.items().size() != 2
        || !(page.items().get(0) instanceof Reply.Bulk next)
        || !(page.items().get(1) instanceof Reply.Array keys)) {
      finish(Status.INTERNAL.withDescription("unexpected SCAN reply: " + r));
      return;
    }
    String nextCursor = new String(next.value(), StandardCharsets.UTF_8);
    boolean last = nextCursor.equals("0");
    List<Reply> items = keys.items();
    synchronized (this) {
      if (finished) return;
      cursor = nextCursor;
      if (last) finished = true;
    }
    try {
      if (last || !items.isEmpty()) {
        ScanResponse.Builder b = ScanResponse.newBuilder().setCursor(nextCursor);
        for (Reply k : items) {
          if (k instanceof Reply.Bulk key) b.addKeys(ByteString.copyFrom(key.value()));
        }
        observer.onNext(b.build());
      }
      if (last) {
        observer.onCompleted();
        return;
      }
    } catch (RuntimeException cancelled) {
      synchronized (this) {
        finished = true;
      }
      return;
    }
    synchronized (this) {
      inFlight = false; // only now: observer calls of two pages never overlap
    }
    nextPage();
  }

  private void finish(Status status) {
    synchronized (this) {
      if (finished) return;
      finished = true;
    }
    Responder.fail(observer, status);
  }
}
