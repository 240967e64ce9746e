package io.kvstore.core.sentinel;

import io.kvstore.core.reply.Reply;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything the Sentinel state machine asks of the outside world. All calls and all callbacks
 * happen on one thread (the process's event loop), so the state needs no locks.
 *
 * <p>Connections are opened asynchronously: commands sent right after {@link #connect} are
 * queued until it is established. When a connection fails or closes the implementation calls
 * {@link SentinelState#linkClosed}; callbacks of commands still waiting are then dropped, never
 * invoked.
 */
public interface SentinelIo {
  /** Which of an instance's two connections. */
  enum LinkKind { CMD, PUBSUB }

  /** Starts connecting; false when the attempt failed at once (the link stays down). */
  boolean connect(Instance ri, LinkKind kind);

  /** Closes the connection if open, dropping pending callbacks (no linkClosed call). */
  void close(Instance ri, LinkKind kind);

  /**
   * Queues a command on a connection; {@code onReply} gets its reply (or every message, on the
   * pub/sub connection after SUBSCRIBE). False when that connection does not exist.
   */
  boolean send(Instance ri, LinkKind kind, List<String> argv, Consumer<Reply> onReply);

  /** The local IP of the command connection to {@code ri} (to announce ourselves); null if unknown. */
  String localIp(Instance ri);

  /** A Sentinel event: log it at {@code level} and, unless DEBUG, publish it on channel {@code type}. */
  void event(EventLevel level, String type, String message);

  /** A plain log line. */
  void log(EventLevel level, String message);

  /** Persists the state in the config file; false (after logging) when it could not be written. */
  boolean flushConfig();

  /** SENTINEL SIMULATE-FAILURE fired: the process exits at once with status 99. */
  void simulatedCrash();
}
