package io.kvstore.server.grpc;

import io.grpc.Context;
import io.grpc.Metadata;
import java.util.Locale;

/**
 * Who is calling: the password from the call's metadata (null when none was sent) and the
 * transport addresses, as CLIENT LIST shows them. Extracted by {@link CallIdentityInterceptor}
 * and carried in the gRPC {@link Context}.
 */
public record CallIdentity(String password, String remoteAddress, String localAddress) {

  /** Context slot for the current call's identity (an immutable key, not shared state). */
  static final Context.Key<CallIdentity> KEY = Context.key("kvstore-call-identity");

  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> PASSWORD =
      Metadata.Key.of("password", Metadata.ASCII_STRING_MARSHALLER);

  public static final CallIdentity ANONYMOUS = new CallIdentity(null, "grpc:0", "grpc:0");

  /** The identity of the call running on this thread's gRPC context. */
  public static CallIdentity current() {
    CallIdentity id = KEY.get();
    return id == null ? ANONYMOUS : id;
  }

  /** The password a client sent: {@code authorization} (an optional "Bearer " prefix is dropped), else {@code password}. */
  static String passwordFrom(Metadata headers) {
    String auth = headers.get(AUTHORIZATION);
    if (auth != null) {
      String trimmed = auth.trim();
      if (trimmed.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
        trimmed = trimmed.substring(7).trim();
      }
      return trimmed;
    }
    return headers.get(PASSWORD);
  }
}
