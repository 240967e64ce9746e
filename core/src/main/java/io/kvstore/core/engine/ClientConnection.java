package io.kvstore.core.engine;

import io.kvstore.core.reply.Reply;

/** The transport side of a client, implemented by the RESP gateway or an in-process caller. */
public interface ClientConnection {
  /** Queues a reply for writing (engine thread); nothing is flushed until {@link #flush()}. */
  void send(Reply reply);

  void flush();

  /** Closes after everything queued has been written. */
  void close();

  String remoteAddress();

  String localAddress();

  /**
   * Queues bytes exactly as given, in order with replies (the replication stream to a replica,
   * the {@code +FULLRESYNC} line); engine thread; written at {@link #flush()}.
   */
  default void sendRaw(byte[] bytes) {
    throw new UnsupportedOperationException("raw output is not supported by " + getClass().getName());
  }

  /** Output queued for this client that the socket has not taken yet (its output buffer). */
  default long pendingOutputBytes() {
    return 0;
  }

  /**
   * Makes this connection a replica link (after PSYNC/SYNC): from now on only raw bytes are
   * written; a reply is never encoded but reported to {@code onReply} (engine thread), since
   * Redis disconnects a replica whose command produced one.
   */
  default void becomeReplicaLink(java.util.function.Consumer<io.kvstore.core.reply.Reply> onReply) {}

  /**
   * A stream another thread writes a large payload through (a full sync's RDB), written to the
   * socket in order after what was flushed before, waiting while the socket is backed up. Writes
   * fail with an {@link java.io.IOException} once the connection is closed; closing the stream
   * flushes it and leaves the connection open.
   */
  default java.io.OutputStream openPayloadStream() {
    throw new UnsupportedOperationException("payload streams are not supported by " + getClass().getName());
  }

  /** A connection that drops everything: used by internal clients. */
  ClientConnection DISCARD = new ClientConnection() {
    @Override public void send(Reply reply) {}
    @Override public void flush() {}
    @Override public void close() {}
    @Override public String remoteAddress() { return "internal:0"; }
    @Override public String localAddress() { return "internal:0"; }
  };
}
