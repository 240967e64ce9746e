package io.kvstore.core.cmd.server;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.engine.ClientConnection;
import io.kvstore.core.engine.ClientSession;
import java.util.Locale;

/**
 * What CLIENT LIST / INFO / KILL share: the Redis 7.0 client line and Redis's client types
 * (master, replica, pubsub, normal, in that precedence).
 *
 * <p>There are no file descriptors or C buffers here: {@code fd} is a stable per-connection
 * number (-1 for internal clients), buffer fields report what kvstore holds for the client
 * (the arguments of the running command, the queued MULTI commands).
 */
final class ClientLines {
  private ClientLines() {}

  enum Type { NORMAL, SLAVE, PUBSUB, MASTER }

  /** Redis getClientTypeByName: normal, slave/replica, pubsub, master; null when unknown. */
  static Type typeByName(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "normal":
        return Type.NORMAL;
      case "slave":
      case "replica":
        return Type.SLAVE;
      case "pubsub":
        return Type.PUBSUB;
      case "master":
        return Type.MASTER;
      default:
        return null;
    }
  }

  static Type typeOf(ClientSession s) {
    if (s.kind() == ClientSession.Kind.MASTER) return Type.MASTER;
    if (s.kind() == ClientSession.Kind.REPLICA) return Type.SLAVE;
    if (s.subscriptionCount() > 0) return Type.PUBSUB;
    return Type.NORMAL;
  }

  /** The CLIENT LIST line of {@code s} (no newline); the caller's own line shows its command. */
  static String line(Ctx ctx, ClientSession s, Args currentArgs, String currentCommand) {
    boolean self = s == ctx.session();
    long nowSec = ctx.now() / 1000;
    long argvMem = 0;
    if (self) {
      for (int i = 0; i < currentArgs.size(); i++) argvMem += currentArgs.get(i).length;
    }
    long multi = -1;
    long multiMem = 0;
    if (s.inMulti()) {
      multi = s.queued().size();
      for (ClientSession.Queued q : s.queued()) {
        for (byte[] a : q.argv()) multiMem += a.length;
      }
    }
    ClientConnection c = s.connection();
    long fd = c == ClientConnection.DISCARD ? -1 : 7 + s.id();
    return "id=" + s.id()
        + " addr=" + c.remoteAddress()
        + " laddr=" + c.localAddress()
        + " fd=" + fd
        + " name=" + s.name()
        + " age=" + Math.max(0, nowSec - s.createdAtMs() / 1000)
        + " idle=" + (self ? 0 : Math.max(0, nowSec - s.lastInteractionMs() / 1000))
        + " flags=" + flags(s)
        + " db=" + s.db()
        + " sub=" + s.channels().size()
        + " psub=" + s.patterns().size()
        + " ssub=0"
        + " multi=" + multi
        + " qbuf=0 qbuf-free=0"
        + " argv-mem=" + argvMem
        + " multi-mem=" + multiMem
        + " rbs=16384 rbp=0 obl=0 oll=0 omem=0"
        + " tot-mem=" + (16384 + argvMem + multiMem)
        + " events=r"
        + " cmd=" + (self ? currentCommand : s.lastCommand())
        + " user=" + s.user()
        + " redir=-1"
        + " resp=" + s.resp();
  }

  /** Redis islocalClient: connected over loopback. */
  static boolean isLocal(ClientSession s) {
    String addr = s.connection().remoteAddress();
    return addr.startsWith("127.0.0.1:") || addr.startsWith("[::1]:") || addr.startsWith("::1:");
  }

  /** Redis's flag letters, in its order: S M P x b d c, N when none. */
  static String flags(ClientSession s) {
    StringBuilder sb = new StringBuilder();
    if (s.kind() == ClientSession.Kind.REPLICA) sb.append('S');
    if (s.kind() == ClientSession.Kind.MASTER) sb.append('M');
    if (s.subscriptionCount() > 0) sb.append('P');
    if (s.inMulti()) sb.append('x');
    if (s.blocked()) sb.append('b');
    if (s.watchDirty()) sb.append('d');
    if (s.closeAfterReply()) sb.append('c');
    if (sb.length() == 0) sb.append('N');
    return sb.toString();
  }
}
