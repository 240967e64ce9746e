package io.kvstore.server.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.net.SocketAddress;

/**
 * Reads the caller's password and addresses once per call and stores them in the call's
 * context. It does not reject anything itself: whether a password is needed is decided when
 * the call reaches the engine, against the live {@code requirepass}.
 */
final class CallIdentityInterceptor implements ServerInterceptor {
  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    CallIdentity id = new CallIdentity(CallIdentity.passwordFrom(headers),
        address(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR)),
        address(call.getAttributes().get(Grpc.TRANSPORT_ATTR_LOCAL_ADDR)));
    return Contexts.interceptCall(Context.current().withValue(CallIdentity.KEY, id), call, headers, next);
  }

  private static String address(SocketAddress a) {
    if (a instanceof java.net.InetSocketAddress in) {
      return in.getAddress().getHostAddress() + ":" + in.getPort();
    }
    return a == null ? "grpc:0" : a.toString();
  }
}
