package io.kvstore.server.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.kvstore.core.reply.Reply;

/**
 * Redis error code → gRPC status. The code is the error text's first word (Redis's own
 * convention); the status description is the complete Redis text, so a gRPC client sees the
 * same message a RESP client would.
 *
 * <ul>
 *   <li>client mistakes (ERR, WRONGTYPE, EXECABORT, NOPROTO, BUSYKEY, NOSCRIPT...) → INVALID_ARGUMENT
 *   <li>NOAUTH → UNAUTHENTICATED; WRONGPASS, NOPERM → PERMISSION_DENIED
 *   <li>transient server states (LOADING, TRYAGAIN, MASTERDOWN, CLUSTERDOWN, BUSY, NOMASTERLINK) → UNAVAILABLE
 *   <li>the node's role forbids it (READONLY, NOREPLICAS, MOVED, ASK, INPROG) → FAILED_PRECONDITION
 *   <li>MISCONF (the store could not persist) → INTERNAL; OOM → RESOURCE_EXHAUSTED
 * </ul>
 * Unknown codes become UNKNOWN.
 */
public final class StatusMapper {
  private StatusMapper() {}

  public static Status.Code codeFor(String redisCode) {
    switch (redisCode) {
      case "ERR", "WRONGTYPE", "EXECABORT", "NOPROTO", "BUSYKEY", "NOSCRIPT", "UNKILLABLE",
          "NOTBUSY", "NOGOODSLAVE", "SYNTAX" -> {
        return Status.Code.INVALID_ARGUMENT;
      }
      case "NOAUTH" -> {
        return Status.Code.UNAUTHENTICATED;
      }
      case "WRONGPASS", "NOPERM" -> {
        return Status.Code.PERMISSION_DENIED;
      }
      case "LOADING", "TRYAGAIN", "MASTERDOWN", "CLUSTERDOWN", "BUSY", "NOMASTERLINK" -> {
        return Status.Code.UNAVAILABLE;
      }
      case "READONLY", "NOREPLICAS", "MOVED", "ASK", "INPROG" -> {
        return Status.Code.FAILED_PRECONDITION;
      }
      case "MISCONF" -> {
        return Status.Code.INTERNAL;
      }
      case "OOM" -> {
        return Status.Code.RESOURCE_EXHAUSTED;
      }
      default -> {
        return Status.Code.UNKNOWN;
      }
    }
  }

  public static Status toStatus(Reply.Error error) {
    return Status.fromCode(codeFor(error.code())).withDescription(error.text());
  }

  public static StatusRuntimeException toException(Reply.Error error) {
    return toStatus(error).asRuntimeException();
  }

  /** Any failure of a call as a status: statuses pass through, the rest is INTERNAL. */
  public static Status fromThrowable(Throwable t) {
    Throwable cause = t;
    while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof StatusRuntimeException sre) return sre.getStatus();
    if (cause instanceof io.grpc.StatusException se) return se.getStatus();
    return Status.INTERNAL.withDescription(String.valueOf(cause.getMessage())).withCause(cause);
  }
}
