package io.kvstore.server.grpc;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.kvstore.core.reply.Reply;
import io.kvstore.proto.v1.DeleteRequest;
import io.kvstore.proto.v1.DeleteResponse;
import io.kvstore.proto.v1.ExecuteRequest;
import io.kvstore.proto.v1.ExpireRequest;
import io.kvstore.proto.v1.ExpireResponse;
import io.kvstore.proto.v1.GetRequest;
import io.kvstore.proto.v1.GetResponse;
import io.kvstore.proto.v1.IncrByRequest;
import io.kvstore.proto.v1.IncrByResponse;
import io.kvstore.proto.v1.KVGrpc;
import io.kvstore.proto.v1.MGetRequest;
import io.kvstore.proto.v1.MGetResponse;
import io.kvstore.proto.v1.MSetRequest;
import io.kvstore.proto.v1.MSetResponse;
import io.kvstore.proto.v1.MaybeValue;
import io.kvstore.proto.v1.ScanRequest;
import io.kvstore.proto.v1.ScanResponse;
import io.kvstore.proto.v1.SetRequest;
import io.kvstore.proto.v1.SetResponse;
import io.kvstore.proto.v1.TtlRequest;
import io.kvstore.proto.v1.TtlResponse;
import java.util.concurrent.Executor;

/**
 * The typed KV service: each call is the Redis command it names, run through the engine
 * ({@link EngineCaller}); only the reply's shape is translated here.
 */
public final class KvService extends KVGrpc.KVImplBase {
  private final EngineCaller engine;
  private final Responder responder;
  private final Executor executor;

  public KvService(EngineCaller engine, Executor executor) {
    this.engine = engine;
    this.executor = executor;
    this.responder = new Responder(executor);
  }

  @Override
  public void get(GetRequest req, StreamObserver<GetResponse> obs) {
    responder.reply(engine.call(req.getDb(), Argv.get(req.getKey()), stale(req.getReadMode())), obs, r -> {
      GetResponse.Builder b = GetResponse.newBuilder();
      if (r instanceof Reply.Bulk bulk) {
        b.setValue(ByteString.copyFrom(bulk.value()));
      } else if (!(r instanceof Reply.NullBulk)) {
        throw new Responder.UnexpectedReply(r);
      }
      return b.build();
    });
  }

  @Override
  public void set(SetRequest req, StreamObserver<SetResponse> obs) {
    responder.reply(engine.call(req.getDb(), Argv.set(req)), obs, r -> {
      SetResponse.Builder b = SetResponse.newBuilder();
      if (!req.getGet()) {
        if (r instanceof Reply.Simple) {
          b.setApplied(true);
        } else if (!(r instanceof Reply.NullBulk)) {
          throw new Responder.UnexpectedReply(r);
        }
        return b.build();
      }
      // With GET the reply is the old value; whether the write happened follows from NX/XX.
      boolean existed;
      if (r instanceof Reply.Bulk bulk) {
        b.setPrevious(ByteString.copyFrom(bulk.value()));
        existed = true;
      } else if (r instanceof Reply.NullBulk) {
        existed = false;
      } else {
        throw new Responder.UnexpectedReply(r);
      }
      return b.setApplied(req.getNx() ? !existed : !req.getXx() || existed).build();
    });
  }

  @Override
  public void delete(DeleteRequest req, StreamObserver<DeleteResponse> obs) {
    responder.reply(engine.call(req.getDb(), Argv.delete(req)), obs,
        r -> DeleteResponse.newBuilder().setDeleted(integer(r)).build());
  }

  @Override
  public void mGet(MGetRequest req, StreamObserver<MGetResponse> obs) {
    responder.reply(engine.call(req.getDb(), Argv.mget(req), stale(req.getReadMode())), obs, r -> {
      if (!(r instanceof Reply.Array a)) throw new Responder.UnexpectedReply(r);
      MGetResponse.Builder b = MGetResponse.newBuilder();
      for (Reply item : a.items()) {
        MaybeValue.Builder v = MaybeValue.newBuilder();
        if (item instanceof Reply.Bulk bulk) v.setValue(ByteString.copyFrom(bulk.value()));
        b.addValues(v);
      }
      return b.build();
    });
  }

  @Override
  public void mSet(MSetRequest req, StreamObserver<MSetResponse> obs) {
    responder.reply(engine.call(req.getDb(), Argv.mset(req)), obs, r -> {
      if (!(r instanceof Reply.Simple)) throw new Responder.UnexpectedReply(r);
      return MSetResponse.getDefaultInstance();
    });
  }

  @Override
  public void incrBy(IncrByRequest req, StreamObserver<IncrByResponse> obs) {
    responder.reply(engine.call(req.getDb(), Argv.incrBy(req)), obs,
        r -> IncrByResponse.newBuilder().setValue(integer(r)).build());
  }

  @Override
  public void expire(ExpireRequest req, StreamObserver<ExpireResponse> obs) {
    byte[][] argv = Argv.expire(req);
    if (argv == null) {
      obs.onError(Status.INVALID_ARGUMENT
          .withDescription("either seconds or millis must be set").asRuntimeException());
      return;
    }
    responder.reply(engine.call(req.getDb(), argv), obs,
        r -> ExpireResponse.newBuilder().setApplied(integer(r) == 1).build());
  }

  @Override
  public void ttl(TtlRequest req, StreamObserver<TtlResponse> obs) {
    responder.reply(engine.call(req.getDb(), Argv.pttl(req.getKey()), stale(req.getReadMode())), obs,
        r -> TtlResponse.newBuilder().setTtlMs(integer(r)).build());
  }

  @Override
  public void scan(ScanRequest req, StreamObserver<ScanResponse> obs) {
    new ScanStream(engine, executor, req, (ServerCallStreamObserver<ScanResponse>) obs).start();
  }

  @Override
  public void execute(ExecuteRequest req, StreamObserver<io.kvstore.proto.v1.Reply> obs) {
    // stale_ok: a standalone node always answers from its own data; the flag matters to modes
    // that would otherwise add a consistency round (raft ReadIndex).
    // A top-level error reply becomes the call's status, as for the typed calls.
    responder.reply(engine.call(req.getDb(), Argv.raw(req.getArgvList()), req.getStaleOk()), obs,
        ReplyConverter::toProto);
  }

  private static boolean stale(io.kvstore.proto.v1.ReadMode mode) {
    return mode == io.kvstore.proto.v1.ReadMode.READ_MODE_STALE;
  }

  private static long integer(Reply r) {
    if (r instanceof Reply.Int i) return i.value();
    throw new Responder.UnexpectedReply(r);
  }
}
