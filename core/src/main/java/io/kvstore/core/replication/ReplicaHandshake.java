package io.kvstore.core.replication;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The replica side of the link to its master, as Redis 7.0's {@code syncWithMaster}: named
 * states, events in, actions out.
 *
 * <ol>
 *   <li>Connected: send {@code PING} alone. Any {@code +} reply is fine, and so are
 *       {@code -NOAUTH}, {@code -NOPERM} and {@code -ERR operation not permitted} (the AUTH that
 *       follows fixes them); anything else (a blank line included) fails the link.
 *   <li>Pipelined in one write: {@code AUTH [masteruser] masterauth} only if masterauth is set,
 *       {@code REPLCONF listening-port <port>}, {@code REPLCONF ip-address <ip>} only if
 *       replica-announce-ip is set, {@code REPLCONF capa eof capa psync2}. Replies are read in
 *       order: an AUTH error fails the link; REPLCONF errors are logged and ignored.
 *   <li>{@code PSYNC <cached replid> <cached offset + 1>}, or {@code PSYNC ? -1} with no cached
 *       master. Blank lines before the reply are keepalives. {@code +FULLRESYNC <id> <offset>}
 *       starts the transfer ({@code <id>} must be 40 chars, else the id is blanked and the
 *       offset is -1); {@code +CONTINUE [<id>]} resumes (a different id must be adopted, see
 *       {@link ReplicationIds#onContinue}); {@code -NOMASTERLINK} / {@code -LOADING} mean retry
 *       later; any other reply falls back to {@code SYNC}.
 * </ol>
 * Every handshake step times out after {@code stepTimeoutMs} (5 s) without a reply line;
 * connecting, the transfer and the connected link time out after {@code repl-timeout} seconds
 * without I/O. A failed link goes back to CONNECT, from which the cron reconnects.
 */
public final class ReplicaHandshake {

  /** Redis's repl_state values, in their order. */
  public enum State {
    NONE, CONNECT, CONNECTING,
    RECEIVE_PING_REPLY, SEND_HANDSHAKE, RECEIVE_AUTH_REPLY, RECEIVE_PORT_REPLY, RECEIVE_IP_REPLY,
    RECEIVE_CAPA_REPLY, SEND_PSYNC, RECEIVE_PSYNC_REPLY,
    TRANSFER, CONNECTED;

    public boolean inHandshake() {
      return ordinal() >= RECEIVE_PING_REPLY.ordinal() && ordinal() <= RECEIVE_PSYNC_REPLY.ordinal();
    }

    /** The state word of ROLE on a replica. */
    public String roleName() {
      if (inHandshake()) return "handshake";
      switch (this) {
        case NONE: return "none";
        case CONNECT: return "connect";
        case CONNECTING: return "connecting";
        case TRANSFER: return "sync";
        case CONNECTED: return "connected";
        default: return "unknown";
      }
    }
  }

  /** What the network layer must do. */
  public sealed interface Action {}

  /** Write these bytes to the master. */
  public record Send(byte[] bytes) implements Action {}

  /** {@code +FULLRESYNC}: read the snapshot next ({@link BulkPayloadParser}). */
  public record StartFullSync(String replid, long offset) implements Action {}

  /**
   * {@code +CONTINUE}: the stream resumes at the cached offset + 1. {@code newReplid} is set
   * when the master announced an id different from the cached one.
   */
  public record Continue(String newReplid) implements Action {}

  /** PSYNC not understood: {@code SYNC} was sent, read a snapshot with unknown id and offset -1. */
  public record FallbackToSync() implements Action {}

  /** A transient refusal: close the link, reconnect later. */
  public record RetryLater(String reason) implements Action {}

  /** A failed step: close the link, reconnect later. */
  public record Fail(String reason) implements Action {}

  /** Something worth a log line that changes nothing. */
  public record Log(String text) implements Action {}

  /**
   * What the handshake sends. Empty strings (or null) mean "not set" for masteruser,
   * masterauth and replica-announce-ip; {@code listeningPort} is replica-announce-port if set,
   * else the port.
   */
  public record Settings(String masterUser, String masterAuth, int listeningPort, String announceIp,
      long stepTimeoutMs, long replTimeoutSeconds) {
    public static Settings of(String masterUser, String masterAuth, int listeningPort, String announceIp) {
      return new Settings(masterUser, masterAuth, listeningPort, announceIp, 5000, 60);
    }
  }

  private final Settings settings;
  private State state = State.CONNECT;
  private long lastIoMs;
  private String cachedReplid;
  private long cachedOffset;

  public ReplicaHandshake(Settings settings) {
    this.settings = settings;
  }

  public State state() { return state; }
  public long lastIoMs() { return lastIoMs; }

  /** The master state to PSYNC with (its replid and the last offset applied), or none. */
  public void setCachedMaster(String replid, long offset) {
    cachedReplid = replid;
    cachedOffset = offset;
  }

  public void discardCachedMaster() {
    cachedReplid = null;
  }

  public String cachedReplid() { return cachedReplid; }

  /** A non-blocking connect to the master was started. */
  public void onConnecting(long nowMs) {
    state = State.CONNECTING;
    lastIoMs = nowMs;
  }

  /** The connection is established: send PING alone. */
  public List<Action> onConnected(long nowMs) {
    requireState(State.CONNECTING);
    state = State.RECEIVE_PING_REPLY;
    lastIoMs = nowMs;
    return List.of(new Send(StreamEncoder.array(b("PING"))));
  }

  /** One reply line from the master, without its CRLF. */
  public List<Action> onLine(String line, long nowMs) {
    lastIoMs = nowMs;
    List<Action> out = new ArrayList<>(2);
    switch (state) {
      case RECEIVE_PING_REPLY:
        if (!line.startsWith("+") && !line.startsWith("-NOAUTH") && !line.startsWith("-NOPERM")
            && !line.startsWith("-ERR operation not permitted")) {
          return fail(out, new Fail("Error reply to PING from master: '" + line + "'"));
        }
        out.add(new Log("Master replied to PING, replication can continue..."));
        state = State.SEND_HANDSHAKE;
        out.add(new Send(handshakeBytes()));
        state = isSet(settings.masterAuth()) ? State.RECEIVE_AUTH_REPLY : State.RECEIVE_PORT_REPLY;
        return out;
      case RECEIVE_AUTH_REPLY:
        if (line.startsWith("-")) return fail(out, new Fail("Unable to AUTH to MASTER: " + line));
        state = State.RECEIVE_PORT_REPLY;
        return out;
      case RECEIVE_PORT_REPLY:
        nonCritical(out, line, "listening-port");
        state = isSet(settings.announceIp()) ? State.RECEIVE_IP_REPLY : State.RECEIVE_CAPA_REPLY;
        return out;
      case RECEIVE_IP_REPLY:
        nonCritical(out, line, "ip-address");
        state = State.RECEIVE_CAPA_REPLY;
        return out;
      case RECEIVE_CAPA_REPLY:
        nonCritical(out, line, "capa");
        state = State.SEND_PSYNC;
        out.add(new Send(psyncBytes()));
        state = State.RECEIVE_PSYNC_REPLY;
        return out;
      case RECEIVE_PSYNC_REPLY:
        return onPsyncReply(line, out);
      default:
        throw new IllegalStateException("reply line in state " + state);
    }
  }

  private List<Action> onPsyncReply(String line, List<Action> out) {
    if (line.isEmpty()) return out; // keepalive while the master prepares
    if (line.startsWith("+FULLRESYNC")) {
      state = State.TRANSFER;
      int a = line.indexOf(' ');
      int b = a < 0 ? -1 : line.indexOf(' ', a + 1);
      if (a < 0 || b < 0 || b - a - 1 != ReplicationIds.ID_LENGTH) {
        out.add(new Log("Master replied with wrong +FULLRESYNC syntax."));
        out.add(new StartFullSync("", -1));
      } else {
        out.add(new StartFullSync(line.substring(a + 1, b), strtoll(line.substring(b + 1))));
      }
      return out;
    }
    if (line.startsWith("+CONTINUE")) {
      state = State.CONNECTED;
      String id = line.length() == 10 + ReplicationIds.ID_LENGTH ? line.substring(10) : null;
      out.add(new Continue(id != null && !id.equals(cachedReplid) ? id : null));
      return out;
    }
    if (line.startsWith("-NOMASTERLINK") || line.startsWith("-LOADING")) {
      return fail(out, new RetryLater(
          "Master is currently unable to PSYNC but should be in the future: " + line));
    }
    out.add(new Log(line.startsWith("-ERR")
        ? "Master does not support PSYNC or is in error state (reply: " + line + ")"
        : "Unexpected reply to PSYNC from master: " + line));
    out.add(new Send(b("SYNC\r\n")));
    out.add(new FallbackToSync());
    state = State.TRANSFER;
    return out;
  }

  /** Any I/O from the master during the transfer or on the connected link. */
  public void onIo(long nowMs) {
    lastIoMs = nowMs;
  }

  /** The snapshot was loaded: the link is up. */
  public void onSyncLoaded(long nowMs) {
    requireState(State.TRANSFER);
    state = State.CONNECTED;
    lastIoMs = nowMs;
  }

  /** The connection closed or failed: the cron will reconnect. */
  public void onLinkLost() {
    state = State.CONNECT;
  }

  /** REPLICAOF NO ONE. */
  public void stop() {
    state = State.NONE;
  }

  /** The timeout checks; returns the failure (and goes back to CONNECT) when one fired. */
  public List<Action> onTimeout(long nowMs) {
    List<Action> out = new ArrayList<>(1);
    if (state.inHandshake()) {
      if (nowMs - lastIoMs <= settings.stepTimeoutMs()) return out;
      return fail(out, new RetryLater(state == State.RECEIVE_PSYNC_REPLY
          ? "Master did not reply to PSYNC, will try later"
          : "Master did not respond to command during SYNC handshake"));
    }
    if (nowMs / 1000 - lastIoMs / 1000 <= settings.replTimeoutSeconds()) return out;
    switch (state) {
      case CONNECTING:
        return fail(out, new Fail("Timeout connecting to the MASTER..."));
      case TRANSFER:
        return fail(out, new Fail("Timeout receiving bulk data from MASTER... If the problem "
            + "persists try to set the 'repl-timeout' parameter in redis.conf to a larger value."));
      case CONNECTED:
        return fail(out, new Fail("MASTER timeout: no data nor PING received..."));
      default:
        return out;
    }
  }

  private List<Action> fail(List<Action> out, Action why) {
    out.add(why);
    state = State.CONNECT;
    return out;
  }

  private static void nonCritical(List<Action> out, String line, String what) {
    if (line.startsWith("-")) {
      out.add(new Log("(Non critical) Master does not understand REPLCONF " + what + ": " + line));
    }
  }

  /** AUTH, REPLCONF listening-port, [REPLCONF ip-address], REPLCONF capa, in one write. */
  byte[] handshakeBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(160);
    if (isSet(settings.masterAuth())) {
      if (isSet(settings.masterUser())) {
        out.writeBytes(StreamEncoder.array(b("AUTH"), b(settings.masterUser()), b(settings.masterAuth())));
      } else {
        out.writeBytes(StreamEncoder.array(b("AUTH"), b(settings.masterAuth())));
      }
    }
    out.writeBytes(StreamEncoder.array(b("REPLCONF"), b("listening-port"),
        b(Integer.toString(settings.listeningPort()))));
    if (isSet(settings.announceIp())) {
      out.writeBytes(StreamEncoder.array(b("REPLCONF"), b("ip-address"), b(settings.announceIp())));
    }
    out.writeBytes(StreamEncoder.array(b("REPLCONF"), b("capa"), b("eof"), b("capa"), b("psync2")));
    return out.toByteArray();
  }

  byte[] psyncBytes() {
    if (cachedReplid == null) return StreamEncoder.array(b("PSYNC"), b("?"), b("-1"));
    return StreamEncoder.array(b("PSYNC"), b(cachedReplid), b(Long.toString(cachedOffset + 1)));
  }

  private void requireState(State expected) {
    if (state != expected) throw new IllegalStateException("expected " + expected + ", in " + state);
  }

  private static boolean isSet(String s) {
    return s != null && !s.isEmpty();
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** C strtoll base 10: leading spaces, optional sign, digits; 0 when none. */
  static long strtoll(String s) {
    int i = 0;
    int n = s.length();
    while (i < n && Character.isWhitespace(s.charAt(i))) i++;
    boolean neg = false;
    if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) neg = s.charAt(i++) == '-';
    long v = 0;
    while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      int d = s.charAt(i++) - '0';
      if (v > (Long.MAX_VALUE - d) / 10) return neg ? Long.MIN_VALUE : Long.MAX_VALUE;
      v = v * 10 + d;
    }
    return neg ? -v : v;
  }
}
