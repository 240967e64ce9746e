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

  /** A connection that drops everything: used by internal clients. */
  ClientConnection DISCARD = new ClientConnection() {
    @Override public void send(Reply reply) {}
    @Override public void flush() {}
    @Override public void close() {}
    @Override public String remoteAddress() { return "internal:0"; }
    @Override public String localAddress() { return "internal:0"; }
  };
}
