package io.kvstore.server.grpc;

import com.google.protobuf.ByteString;
import io.kvstore.proto.v1.DeleteRequest;
import io.kvstore.proto.v1.ExpireRequest;
import io.kvstore.proto.v1.IncrByRequest;
import io.kvstore.proto.v1.KeyValue;
import io.kvstore.proto.v1.MGetRequest;
import io.kvstore.proto.v1.MSetRequest;
import io.kvstore.proto.v1.ScanRequest;
import io.kvstore.proto.v1.SetRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed requests → the Redis argv they stand for. This is the only translation the gRPC layer
 * does: validation and semantics stay with the command implementations, so e.g. {@code EX 0}
 * or an empty MSET get exactly Redis's error.
 */
final class Argv {
  private final List<byte[]> words = new ArrayList<>();

  private Argv(String command) {
    add(command);
  }

  static Argv of(String command) {
    return new Argv(command);
  }

  Argv add(String word) {
    words.add(word.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  Argv add(long n) {
    return add(Long.toString(n));
  }

  Argv add(ByteString bytes) {
    words.add(bytes.toByteArray());
    return this;
  }

  byte[][] build() {
    return words.toArray(new byte[0][]);
  }

  static byte[][] get(ByteString key) {
    return of("GET").add(key).build();
  }

  static byte[][] set(SetRequest r) {
    Argv a = of("SET").add(r.getKey()).add(r.getValue());
    if (r.getNx()) a.add("NX");
    if (r.getXx()) a.add("XX");
    if (r.getGet()) a.add("GET");
    switch (r.getExpiryCase()) {
      case EX_SECONDS -> a.add("EX").add(r.getExSeconds());
      case PX_MILLIS -> a.add("PX").add(r.getPxMillis());
      case EXAT_UNIX_SECONDS -> a.add("EXAT").add(r.getExatUnixSeconds());
      case PXAT_UNIX_MILLIS -> a.add("PXAT").add(r.getPxatUnixMillis());
      case KEEPTTL -> {
        if (r.getKeepttl()) a.add("KEEPTTL");
      }
      default -> { }
    }
    return a.build();
  }

  static byte[][] delete(DeleteRequest r) {
    Argv a = of("DEL");
    r.getKeysList().forEach(a::add);
    return a.build();
  }

  static byte[][] mget(MGetRequest r) {
    Argv a = of("MGET");
    r.getKeysList().forEach(a::add);
    return a.build();
  }

  static byte[][] mset(MSetRequest r) {
    Argv a = of("MSET");
    for (KeyValue kv : r.getEntriesList()) a.add(kv.getKey()).add(kv.getValue());
    return a.build();
  }

  static byte[][] incrBy(IncrByRequest r) {
    return of("INCRBY").add(r.getKey()).add(r.getDelta()).build();
  }

  /** EXPIRE or PEXPIRE; null when the request carries no time to live. */
  static byte[][] expire(ExpireRequest r) {
    Argv a;
    switch (r.getTtlCase()) {
      case SECONDS -> a = of("EXPIRE").add(r.getKey()).add(r.getSeconds());
      case MILLIS -> a = of("PEXPIRE").add(r.getKey()).add(r.getMillis());
      default -> {
        return null;
      }
    }
    switch (r.getCondition()) {
      case NX -> a.add("NX");
      case XX -> a.add("XX");
      case GT -> a.add("GT");
      case LT -> a.add("LT");
      default -> { }
    }
    return a.build();
  }

  static byte[][] pttl(ByteString key) {
    return of("PTTL").add(key).build();
  }

  static byte[][] scan(ScanRequest r, String cursor) {
    Argv a = of("SCAN").add(cursor);
    if (!r.getMatch().isEmpty()) a.add("MATCH").add(r.getMatch());
    if (r.getCount() > 0) a.add("COUNT").add(r.getCount());
    if (!r.getType().isEmpty()) a.add("TYPE").add(r.getType());
    return a.build();
  }

  static byte[][] info(String section) {
    Argv a = of("INFO");
    if (!section.isEmpty()) a.add(section);
    return a.build();
  }

  static byte[][] ping(ByteString message) {
    Argv a = of("PING");
    if (message != null) a.add(message);
    return a.build();
  }

  static byte[][] raw(List<ByteString> argv) {
    byte[][] out = new byte[argv.size()][];
    for (int i = 0; i < out.length; i++) out[i] = argv.get(i).toByteArray();
    return out;
  }
}
