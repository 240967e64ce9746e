package io.kvstore.server.grpc;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import io.kvstore.core.reply.Reply;
import io.kvstore.proto.v1.AdminGrpc;
import io.kvstore.proto.v1.InfoRequest;
import io.kvstore.proto.v1.InfoResponse;
import io.kvstore.proto.v1.PingRequest;
import io.kvstore.proto.v1.PingResponse;
import io.kvstore.proto.v1.RaftAdminRequest;
import io.kvstore.proto.v1.RaftAdminResponse;
import io.grpc.Status;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;

/** Admin calls: INFO, PING and (raft mode) RAFT through the engine, like every other call. */
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

  /** The raft mode's RAFT command; a node in another mode answers FAILED_PRECONDITION. */
  @Override
  public void raft(RaftAdminRequest req, StreamObserver<RaftAdminResponse> obs) {
    byte[][] argv;
    switch (req.getOp()) {
      case INFO -> argv = Argv.raw(List.of(bytes("RAFT"), bytes("INFO")));
      case ADD -> argv = Argv.raw(List.of(bytes("RAFT"), bytes("ADD"), bytes(req.getNodeId()), bytes(req.getAddress())));
      case REMOVE -> argv = Argv.raw(List.of(bytes("RAFT"), bytes("REMOVE"), bytes(req.getNodeId())));
      case TRANSFER -> argv = Argv.raw(List.of(bytes("RAFT"), bytes("TRANSFER"), bytes(req.getNodeId())));
      case SNAPSHOT -> argv = Argv.raw(List.of(bytes("RAFT"), bytes("SNAPSHOT")));
      default -> {
        obs.onError(Status.INVALID_ARGUMENT.withDescription("unknown raft operation").asRuntimeException());
        return;
      }
    }
    CompletableFuture<Reply> call = engine.call(0, argv).thenApply(r -> {
      if (r instanceof Reply.Error e && e.text().startsWith("ERR unknown command")) {
        throw Status.FAILED_PRECONDITION.withDescription("this node does not run replication-mode raft")
            .asRuntimeException();
      }
      return r;
    });
    responder.reply(call, obs, r -> {
      RaftAdminResponse.Builder b = RaftAdminResponse.newBuilder();
      if (r instanceof Reply.Int i) {
        b.setSnapshotIndex(i.value());
      } else if (r instanceof Reply.Bulk bulk) {
        for (String line : bulk.utf8().split("\r\n")) {
          int colon = line.indexOf(':');
          if (colon > 0) b.putFields(line.substring(0, colon), line.substring(colon + 1));
        }
      } else if (!(r instanceof Reply.Simple)) {
        throw new Responder.UnexpectedReply(r);
      }
      return b.build();
    });
  }

  private static ByteString bytes(String s) {
    return ByteString.copyFromUtf8(s);
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
