package io.kvstore.server.grpc;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import io.kvstore.core.reply.Reply;
import io.kvstore.proto.v1.AdminGrpc;
import io.kvstore.proto.v1.InfoRequest;
import io.kvstore.proto.v1.InfoResponse;
import io.kvstore.proto.v1.PingRequest;
import io.kvstore.proto.v1.PingResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;

/** Admin calls: INFO and PING through the engine, like every other call. */
public final class AdminService extends AdminGrpc.AdminImplBase {
  private final EngineCaller engine;
  private final Responder responder;

  public AdminService(EngineCaller engine, Executor executor) {
    this.engine = engine;
    this.responder = new Responder(executor);
  }

  @Override
  public void info(InfoRequest req, StreamObserver<InfoResponse> obs) {
    responder.reply(engine.call(req.getDb(), Argv.info(req.getSection())), obs, r -> {
      String text;
      if (r instanceof Reply.Bulk b) {
        text = b.utf8();
      } else if (r instanceof Reply.Verbatim v) {
        text = v.text();
      } else {
        throw new Responder.UnexpectedReply(r);
      }
      return InfoResponse.newBuilder().setText(text).build();
    });
  }

  @Override
  public void ping(PingRequest req, StreamObserver<PingResponse> obs) {
    ByteString message = req.hasMessage() ? req.getMessage() : null;
    responder.reply(engine.call(req.getDb(), Argv.ping(message)), obs, r -> {
      ByteString out;
      if (r instanceof Reply.Simple s) {
        out = ByteString.copyFrom(s.text(), StandardCharsets.UTF_8);
      } else if (r instanceof Reply.Bulk b) {
        out = ByteString.copyFrom(b.value());
      } else {
        throw new Responder.UnexpectedReply(r);
      }
      return PingResponse.newBuilder().setMessage(out).build();
    });
  }
}
