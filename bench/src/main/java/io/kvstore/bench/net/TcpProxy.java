package io.kvstore.bench.net;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP forwarder standing on one link between cluster members, which the benchmark can cut
 * and restore. It emulates a firewall that drops packets (Jepsen's iptables DROP) rather than one
 * that resets connections: while {@linkplain #block() blocked}, bytes already read are held and
 * nothing more is forwarded in either direction, and a new connection is accepted but not
 * connected onwards; the peers see silence and time out on their own. {@link #unblock()} lets the
 * held bytes through, as TCP retransmission would once the network heals.
 *
 * <p>Thread per direction with blocking sockets: the links between a few nodes are few and
 * long-lived, and this keeps the forwarding obviously correct (order kept, half-closes passed
 * on). Every thread is a daemon; {@link #close()} closes the listener and every connection.
 */
public final class TcpProxy implements Closeable {
  private static final int CONNECT_TIMEOUT_MS = 2_000;

  private final String name;
  private final InetSocketAddress target;
  private final ServerSocket listener;
  private final Object gate = new Object();
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicLong forwardedBytes = new AtomicLong();
  private volatile boolean blocked;
  private volatile boolean closed;

  /** Listens on {@code listen} (port 0 picks one) and forwards every connection to {@code target}. */
  public TcpProxy(String name, InetSocketAddress listen, InetSocketAddress target) throws IOException {
    this.name = name;
    this.target = target;
    this.listener = new ServerSocket();
    listener.setReuseAddress(true);
    listener.bind(listen, 64);
    Thread t = new Thread(this::acceptLoop, "proxy-" + name);
    t.setDaemon(true);
    t.start();
  }

  public String name() {
    return name;
  }

  /** Where clients of this link connect. */
  public InetSocketAddress address() {
    return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
  }

  public int port() {
    return listener.getLocalPort();
  }

  public InetSocketAddress target() {
    return target;
  }

  public boolean isBlocked() {
    return blocked;
  }

  /** Bytes forwarded so far in both directions (for tests and diagnostics). */
  public long forwardedBytes() {
    return forwardedBytes.get();
  }

  /** Connections currently open through this link (both ends counted once). */
  public int openConnections() {
    return sockets.size() / 2;
  }

  /** Stops forwarding: bytes are held and new connections wait, until {@link #unblock()}. */
  public void block() {
    blocked = true;
  }

  /** Forwards again, held bytes first. */
  public void unblock() {
    synchronized (gate) {
      blocked = false;
      gate.notifyAll();
    }
  }

  /** Closes every connection of the link now (a reset, as when a process dies); keeps listening. */
  public void dropConnections() {
    for (Socket s : sockets) {
      closeQuietly(s);
    }
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(listener);
    dropConnections();
    synchronized (gate) {
      gate.notifyAll();
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue;
      }
      sockets.add(client);
      Thread t = new Thread(() -> connect(client), "proxy-" + name + "-conn");
      t.setDaemon(true);
      t.start();
    }
  }

  private void connect(Socket client) {
    Socket upstream = null;
    try {
      client.setTcpNoDelay(true);
      awaitOpen();
      if (closed || client.isClosed()) {
        closeQuietly(client);
        return;
      }
      upstream = new Socket();
      sockets.add(upstream);
      upstream.setTcpNoDelay(true);
      upstream.connect(target, CONNECT_TIMEOUT_MS);
      Socket up = upstream;
      Thread back = new Thread(() -> pump(up, client), "proxy-" + name + "-back");
      back.setDaemon(true);
      back.start();
      pump(client, upstream);
    } catch (IOException | InterruptedException e) {
      closeQuietly(client);
      closeQuietly(upstream);
    }
  }

  /** Copies {@code from} to {@code to}; an end of stream is passed on as a half-close. */
  private void pump(Socket from, Socket to) {
    byte[] buf = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      while (true) {
        int n = in.read(buf);
        awaitOpen();
        if (n < 0) {
          if (!to.isClosed()) {
            to.shutdownOutput();
          }
          if (from.isOutputShutdown() || to.isInputShutdown()) {
            closeBoth(from, to);
          }
          return;
        }
        out.write(buf, 0, n);
        forwardedBytes.addAndGet(n);
      }
    } catch (IOException | InterruptedException e) {
      closeBoth(from, to);
    }
  }

  private void awaitOpen() throws InterruptedException, SocketException {
    if (!blocked) {
      return;
    }
    synchronized (gate) {
      while (blocked && !closed) {
        gate.wait();
      }
    }
    if (closed) {
      throw new SocketException("proxy closed");
    }
  }

  private void closeBoth(Socket a, Socket b) {
    closeQuietly(a);
    closeQuietly(b);
  }

  private void closeQuietly(Closeable c) {
    if (c == null) {
      return;
    }
    if (c instanceof Socket s) {
      sockets.remove(s);
    }
    try {
      c.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public String toString() {
    return name + " " + address() + " -> " + target + (blocked ? " (blocked)" : "");
  }
}
