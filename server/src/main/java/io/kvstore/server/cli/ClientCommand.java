package io.kvstore.server.cli;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.kvstore.proto.v1.AdminGrpc;
import io.kvstore.proto.v1.KVGrpc;
import io.kvstore.proto.v1.Reply;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kvstore client --grpc host:port <cmd> args...}: one call over gRPC, printed as
 * redis-cli prints the equivalent command. Exit code 1 when the server answered with an error
 * or could not be reached, 2 for bad usage.
 */
@Command(name = "client", mixinStandardHelpOptions = true,
    description = "Run one command against a kvstore node over gRPC.",
    footer = {"", "Commands: get, set [--ex s|--px ms|--exat s|--pxat ms|--keepttl] [--nx|--xx] [--get],",
        "  del, mget, mset, incr, incrby, expire [--nx|--xx|--gt|--lt], ttl, pttl,",
        "  scan [--match p] [--count n] [--type t], info [section], ping [message],",
        "  exec <any redis command...>"})
public final class ClientCommand implements Callable<Integer> {
  @Option(names = "--grpc", paramLabel = "host:port", defaultValue = "127.0.0.1:7379",
      description = "gRPC address of the node (default: ${DEFAULT-VALUE}).")
  String target;

  @Option(names = {"-a", "--pass"}, paramLabel = "password",
      description = "Password (the node's requirepass).")
  String password;

  @Option(names = "-n", paramLabel = "db", description = "Database number.")
  int db;

  @Option(names = "--raw", description = "Print replies unquoted, as redis-cli --raw.")
  boolean raw;

  @Option(names = "--timeout", paramLabel = "seconds", defaultValue = "60",
      description = "Call deadline in seconds (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Parameters(index = "0", paramLabel = "<cmd>", description = "The command (see below).")
  String op;

  @Parameters(index = "1..*", paramLabel = "arg")
  List<String> args = new ArrayList<>();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ManagedChannel channel = ManagedChannelBuilder.forTarget(target).usePlaintext()
        .maxInboundMessageSize(Integer.MAX_VALUE).build();
    try {
      KVGrpc.KVBlockingStub kv = KVGrpc.newBlockingStub(channel);
      AdminGrpc.AdminBlockingStub admin = AdminGrpc.newBlockingStub(channel);
      if (password != null) {
        Metadata md = new Metadata();
        md.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), password);
        kv = kv.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md));
        admin = admin.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md));
      }
      kv = kv.withDeadlineAfter(timeoutSeconds, TimeUnit.SECONDS);
      admin = admin.withDeadlineAfter(timeoutSeconds, TimeUnit.SECONDS);
      ClientOps.Result result;
      try {
        result = new ClientOps(kv, admin, db).run(op, args);
      } catch (ClientOps.UsageException e) {
        err.println(e.getMessage());
        err.flush();
        return 2;
      } catch (StatusRuntimeException e) {
        return printFailure(e.getStatus(), out, err);
      }
      Reply r = result.reply();
      if (result.raw()) {
        out.print(ReplyPrinter.verbatim(r));
      } else {
        out.print(raw ? ReplyPrinter.raw(r) : ReplyPrinter.tty(r));
      }
      out.flush();
      return r.hasError() ? 1 : 0;
    } finally {
      channel.shutdownNow();
    }
  }

  private int printFailure(Status status, PrintWriter out, PrintWriter err) {
    if (status.getCode() == Status.Code.UNAVAILABLE && status.getCause() != null) {
      Throwable c = status.getCause();
      while (c.getCause() != null) c = c.getCause();
      err.println("Could not connect to kvstore at " + target + ": " + c.getMessage());
      err.flush();
      return 1;
    }
    if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
      // The request was sent: whether a write took effect is unknown, never "failed".
      err.println("Error: no reply within " + timeoutSeconds
          + " seconds; outcome unknown (the command may or may not have been applied)");
      err.flush();
      return 1;
    }
    String text = status.getDescription() == null ? status.getCode().toString() : status.getDescription();
    out.print(raw ? text + "\n\n" : "(error) " + text + "\n");
    out.flush();
    return 1;
  }
}
