package io.kvstore.server.cli;

import com.google.protobuf.ByteString;
import com.google.protobuf.NullValue;
import io.kvstore.proto.v1.AdminGrpc;
import io.kvstore.proto.v1.DeleteRequest;
import io.kvstore.proto.v1.ExecuteRequest;
import io.kvstore.proto.v1.ExpireRequest;
import io.kvstore.proto.v1.GetRequest;
import io.kvstore.proto.v1.GetResponse;
import io.kvstore.proto.v1.IncrByRequest;
import io.kvstore.proto.v1.InfoRequest;
import io.kvstore.proto.v1.KVGrpc;
import io.kvstore.proto.v1.KeyValue;
import io.kvstore.proto.v1.MGetRequest;
import io.kvstore.proto.v1.MSetRequest;
import io.kvstore.proto.v1.MaybeValue;
import io.kvstore.proto.v1.PingRequest;
import io.kvstore.proto.v1.Reply;
import io.kvstore.proto.v1.ReplyArray;
import io.kvstore.proto.v1.ScanRequest;
import io.kvstore.proto.v1.ScanResponse;
import io.kvstore.proto.v1.SetRequest;
import io.kvstore.proto.v1.SetResponse;
import io.kvstore.proto.v1.TtlRequest;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The client's operations: each one calls the typed gRPC method it names and turns the answer
 * into a {@link Reply} for printing, exactly as the equivalent redis-cli command would show it.
 * An argument that does not fit the typed call (a non-numeric TTL...) sends the command through
 * {@code Execute} instead, so the server answers with Redis's own error.
 */
final class ClientOps {
  /** What to print: the reply and whether redis-cli would print it raw (INFO). */
  record Result(Reply reply, boolean raw) {}

  /** Bad usage of the client itself (not a server error). */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  static final List<String> OPS = List.of("get", "set", "del", "mget", "mset", "incr", "incrby",
      "expire", "ttl", "pttl", "scan", "info", "ping", "exec");

  private final KVGrpc.KVBlockingStub kv;
  private final AdminGrpc.AdminBlockingStub admin;
  private final int db;

  ClientOps(KVGrpc.KVBlockingStub kv, AdminGrpc.AdminBlockingStub admin, int db) {
    this.kv = kv;
    this.admin = admin;
    this.db = db;
  }

  Result run(String op, List<String> args) {
    switch (op.toLowerCase(Locale.ROOT)) {
      case "get" -> {
        need(args, 1, 1, "get <key>");
        GetResponse r = kv.get(GetRequest.newBuilder().setDb(db).setKey(bytes(args.get(0))).build());
        return of(r.hasValue() ? bulk(r.getValue()) : nil());
      }
      case "set" -> {
        return set(args);
      }
      case "del" -> {
        need(args, 1, Integer.MAX_VALUE, "del <key> [key ...]");
        DeleteRequest.Builder b = DeleteRequest.newBuilder().setDb(db);
        args.forEach(k -> b.addKeys(bytes(k)));
        return of(integer(kv.delete(b.build()).getDeleted()));
      }
      case "mget" -> {
        need(args, 1, Integer.MAX_VALUE, "mget <key> [key ...]");
        MGetRequest.Builder b = MGetRequest.newBuilder().setDb(db);
        args.forEach(k -> b.addKeys(bytes(k)));
        ReplyArray.Builder out = ReplyArray.newBuilder();
        for (MaybeValue v : kv.mGet(b.build()).getValuesList()) {
          out.addItems(v.hasValue() ? bulk(v.getValue()) : nil());
        }
        return of(Reply.newBuilder().setArray(out).build());
      }
      case "mset" -> {
        if (args.isEmpty() || args.size() % 2 != 0) return exec("MSET", args);
        MSetRequest.Builder b = MSetRequest.newBuilder().setDb(db);
        for (int i = 0; i < args.size(); i += 2) {
          b.addEntries(KeyValue.newBuilder().setKey(bytes(args.get(i))).setValue(bytes(args.get(i + 1))));
        }
        kv.mSet(b.build());
        return of(ok());
      }
      case "incr" -> {
        need(args, 1, 1, "incr <key>");
        return incrBy(args.get(0), 1);
      }
      case "incrby" -> {
        need(args, 2, 2, "incrby <key> <delta>");
        Long delta = parseLong(args.get(1));
        return delta == null ? exec("INCRBY", args) : incrBy(args.get(0), delta);
      }
      case "expire" -> {
        return expire(args);
      }
      case "ttl", "pttl" -> {
        need(args, 1, 1, op + " <key>");
        long ms = kv.ttl(TtlRequest.newBuilder().setDb(db).setKey(bytes(args.get(0))).build()).getTtlMs();
        boolean seconds = op.equalsIgnoreCase("ttl");
        return of(integer(seconds && ms >= 0 ? (ms + 500) / 1000 : ms));
      }
      case "scan" -> {
        return scan(args);
      }
      case "info" -> {
        need(args, 0, 1, "info [section]");
        String text = admin.info(InfoRequest.newBuilder().setDb(db)
            .setSection(args.isEmpty() ? "" : args.get(0)).build()).getText();
        return new Result(Reply.newBuilder().setBulk(ByteString.copyFromUtf8(text)).build(), true);
      }
      case "ping" -> {
        need(args, 0, 1, "ping [message]");
        PingRequest.Builder b = PingRequest.newBuilder().setDb(db);
        if (!args.isEmpty()) b.setMessage(bytes(args.get(0)));
        ByteString m = admin.ping(b.build()).getMessage();
        return of(args.isEmpty() ? Reply.newBuilder().setSimple(m.toStringUtf8()).build() : bulk(m));
      }
      case "exec" -> {
        need(args, 1, Integer.MAX_VALUE, "exec <command> [arg ...]");
        return exec(args.get(0), args.subList(1, args.size()));
      }
      default -> throw new UsageException("unknown client command '" + op + "' (one of "
          + String.join(", ", OPS) + ")");
    }
  }

  private Result set(List<String> args) {
    if (args.size() < 2) throw new UsageException("usage: set <key> <value> [--ex s|--px ms|--exat s|--pxat ms|--keepttl] [--nx|--xx] [--get]");
    SetRequest.Builder b = SetRequest.newBuilder().setDb(db).setKey(bytes(args.get(0)))
        .setValue(bytes(args.get(1)));
    Iterator<String> it = args.subList(2, args.size()).iterator();
    while (it.hasNext()) {
      String opt = option(it.next());
      switch (opt) {
        case "nx" -> b.setNx(true);
        case "xx" -> b.setXx(true);
        case "get" -> b.setGet(true);
        case "keepttl" -> b.setKeepttl(true);
        case "ex", "px", "exat", "pxat" -> {
          if (!it.hasNext()) return exec("SET", args);
          Long v = parseLong(it.next());
          if (v == null) return exec("SET", args);
          switch (opt) {
            case "ex" -> b.setExSeconds(v);
            case "px" -> b.setPxMillis(v);
            case "exat" -> b.setExatUnixSeconds(v);
            default -> b.setPxatUnixMillis(v);
          }
        }
        default -> {
          return exec("SET", args); // let the server judge anything else
        }
      }
    }
    SetResponse r = kv.set(b.build());
    if (b.getGet()) return of(r.hasPrevious() ? bulk(r.getPrevious()) : nil());
    return of(r.getApplied() ? ok() : nil());
  }

  private Result expire(List<String> args) {
    if (args.size() < 2) throw new UsageException("usage: expire <key> <seconds> [--nx|--xx|--gt|--lt]");
    Long seconds = parseLong(args.get(1));
    if (seconds == null || args.size() > 3) return exec("EXPIRE", args);
    ExpireRequest.Builder b = ExpireRequest.newBuilder().setDb(db).setKey(bytes(args.get(0)))
        .setSeconds(seconds);
    if (args.size() == 3) {
      switch (option(args.get(2))) {
        case "nx" -> b.setCondition(ExpireRequest.Condition.NX);
        case "xx" -> b.setCondition(ExpireRequest.Condition.XX);
        case "gt" -> b.setCondition(ExpireRequest.Condition.GT);
        case "lt" -> b.setCondition(ExpireRequest.Condition.LT);
        default -> {
          return exec("EXPIRE", args);
        }
      }
    }
    return of(integer(kv.expire(b.build()).getApplied() ? 1 : 0));
  }

  private Result scan(List<String> args) {
    ScanRequest.Builder b = ScanRequest.newBuilder().setDb(db);
    Iterator<String> it = args.iterator();
    while (it.hasNext()) {
      String opt = option(it.next());
      if (!it.hasNext()) throw new UsageException("usage: scan [--match pattern] [--count n] [--type t]");
      String v = it.next();
      switch (opt) {
        case "match" -> b.setMatch(v);
        case "type" -> b.setType(v);
        case "count" -> {
          Long n = parseLong(v);
          if (n == null || n < 1) throw new UsageException("--count needs a positive integer");
          b.setCount(n);
        }
        default -> throw new UsageException("usage: scan [--match pattern] [--count n] [--type t]");
      }
    }
    ReplyArray.Builder keys = ReplyArray.newBuilder();
    Iterator<ScanResponse> pages = kv.scan(b.build());
    while (pages.hasNext()) {
      for (ByteString k : pages.next().getKeysList()) keys.addItems(bulk(k));
    }
    return of(Reply.newBuilder().setArray(keys).build());
  }

  private Result incrBy(String key, long delta) {
    return of(integer(kv.incrBy(IncrByRequest.newBuilder().setDb(db).setKey(bytes(key))
        .setDelta(delta).build()).getValue()));
  }

  private Result exec(String command, List<String> args) {
    ExecuteRequest.Builder b = ExecuteRequest.newBuilder().setDb(db).addArgv(bytes(command));
    args.forEach(a -> b.addArgv(bytes(a)));
    Reply r = kv.execute(b.build());
    return new Result(r, rawOutput(command, args));
  }

  /** The commands redis-cli prints raw (INFO, CLIENT LIST...). */
  static boolean rawOutput(String command, List<String> args) {
    String c = command.toLowerCase(Locale.ROOT);
    String a1 = args.isEmpty() ? "" : args.get(0).toLowerCase(Locale.ROOT);
    return c.equals("info") || c.equals("lolwut")
        || (c.equals("client") && (a1.equals("list") || a1.equals("info")))
        || (c.equals("memory") && (a1.equals("doctor") || a1.equals("malloc-stats")))
        || (c.equals("latency") && a1.equals("doctor"))
        || (c.equals("cluster") && args.size() == 1 && (a1.equals("nodes") || a1.equals("info")));
  }

  /** "--ex" and "EX" are the same option. */
  private static String option(String word) {
    String w = word.startsWith("--") ? word.substring(2) : word;
    return w.toLowerCase(Locale.ROOT);
  }

  private static void need(List<String> args, int min, int max, String usage) {
    if (args.size() < min || args.size() > max) throw new UsageException("usage: " + usage);
  }

  private static Long parseLong(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Result of(Reply r) {
    return new Result(r, false);
  }

  static ByteString bytes(String s) {
    return ByteString.copyFrom(s, StandardCharsets.UTF_8);
  }

  static Reply bulk(ByteString b) {
    return Reply.newBuilder().setBulk(b).build();
  }

  static Reply nil() {
    return Reply.newBuilder().setNull(NullValue.NULL_VALUE).build();
  }

  static Reply ok() {
    return Reply.newBuilder().setSimple("OK").build();
  }

  static Reply integer(long v) {
    return Reply.newBuilder().setInteger(v).build();
  }
}
