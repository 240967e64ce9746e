package io.kvstore.core.sentinel;

import io.kvstore.core.reply.Reply;
import io.kvstore.core.sentinel.SentinelIo.LinkKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The monitoring half of Sentinel: keeping both links up, the periodic PING / INFO / hello,
 * reading PING replies, and the SDOWN decision.
 *
 * <p>Periods: INFO every 10 s (every second for replicas of a master in ODOWN or failover, or
 * whose own master link is down); PING whenever the last reply is older than
 * min(1 s, down-after); hello every 2 s. A PING reply counts as "available" only if it is PONG,
 * -LOADING or -MASTERDOWN. An instance is SDOWN once its oldest unanswered PING (or, while
 * disconnected, its last valid reply) is older than down-after; a master reporting the replica
 * role for down-after + 2 INFO periods is SDOWN too.
 */
final class Monitor {
  static final int MAX_PENDING_COMMANDS = 100;

  private final SentinelState st;

  Monitor(SentinelState st) {
    this.st = st;
  }

  /** Queues a command on the command link, counting it as pending until its reply. */
  boolean command(Instance ri, Consumer<Reply> onReply, String... argv) {
    Link link = ri.link;
    List<String> a = new ArrayList<>(List.of(argv));
    a.set(0, ri.command(argv[0]));
    boolean ok = st.io.send(ri, LinkKind.CMD, a, reply -> {
      if (link.pendingCommands > 0) link.pendingCommands--;
      if (onReply != null) onReply.accept(reply);
    });
    if (ok) link.pendingCommands++;
    return ok;
  }

  /** Closes one connection and marks the link for reconnection. */
  void closeLink(Instance ri, LinkKind kind) {
    Link link = ri.link;
    boolean open = kind == LinkKind.CMD ? link.cmd : link.pubsub;
    st.io.close(ri, kind);
    if (kind == LinkKind.CMD) {
      link.cmd = false;
      link.pendingCommands = 0;
    } else {
      link.pubsub = false;
    }
    if (open || kind == LinkKind.CMD) link.disconnected = true;
  }

  /** A connection failed or closed (called by the I/O layer). */
  void linkClosed(Instance ri, LinkKind kind) {
    if (kind == LinkKind.CMD) {
      ri.link.cmd = false;
      ri.link.pendingCommands = 0;
    } else {
      ri.link.pubsub = false;
    }
    ri.link.disconnected = true;
  }

  /** Redis's sentinelReconnectInstance. */
  void reconnect(Instance ri) {
    Link link = ri.link;
    if (!link.disconnected || ri.addr.port() == 0) return;
    long now = st.now();
    if (now - link.lastReconnTime < st.timings.pingPeriod) return;
    link.lastReconnTime = now;
    if (!link.cmd) {
      if (st.resolveHostnames) {
        try {
          ri.addr = st.createAddr(ri.addr.hostname(), ri.addr.port(), false);
        } catch (SentinelState.InstanceException ignored) {
          // keep the old address
        }
      }
      if (!st.io.connect(ri, LinkKind.CMD)) {
        st.event(EventLevel.DEBUG, "-cmd-link-reconnection", ri, " #Failed to establish connection");
      } else {
        link.cmd = true;
        link.pendingCommands = 0;
        link.cmdConnTime = st.now();
        sendAuth(ri, LinkKind.CMD);
        setClientName(ri, LinkKind.CMD, "cmd");
        sendPing(ri);
      }
    }
    if (ri.kind != Instance.Kind.SENTINEL && !link.pubsub) {
      if (!st.io.connect(ri, LinkKind.PUBSUB)) {
        st.event(EventLevel.DEBUG, "-pubsub-link-reconnection", ri,
            " #Failed to establish connection");
      } else {
        link.pubsub = true;
        link.pubsubConnTime = st.now();
        sendAuth(ri, LinkKind.PUBSUB);
        setClientName(ri, LinkKind.PUBSUB, "pubsub");
        boolean ok = st.io.send(ri, LinkKind.PUBSUB,
            List.of(ri.command("SUBSCRIBE"), SentinelState.HELLO_CHANNEL),
            reply -> st.hello.onPubsubReply(ri, reply));
        if (!ok) {
          closeLink(ri, LinkKind.PUBSUB);
          return;
        }
      }
    }
    if (link.cmd && (ri.kind == Instance.Kind.SENTINEL || link.pubsub)) link.disconnected = false;
  }

  /** AUTH with the master's credentials (replicas use their master's), sentinel-pass for sentinels. */
  private void sendAuth(Instance ri, LinkKind kind) {
    String pass;
    String user;
    if (ri.kind == Instance.Kind.SENTINEL) {
      if (st.sentinelAuthPass != null) {
        pass = st.sentinelAuthPass;
        user = st.sentinelAuthUser;
      } else {
        pass = st.requirePass.isEmpty() ? null : st.requirePass;
        user = null;
      }
    } else {
      pass = ri.owner().authPass;
      user = ri.owner().authUser;
    }
    if (pass == null) return;
    List<String> argv = user == null ? List.of(ri.command("AUTH"), pass)
        : List.of(ri.command("AUTH"), user, pass);
    sendCounted(ri, kind, argv);
  }

  private void setClientName(Instance ri, LinkKind kind, String type) {
    String id = st.myid == null ? "" : st.myid.substring(0, Math.min(8, st.myid.length()));
    sendCounted(ri, kind, List.of(ri.command("CLIENT"), "SETNAME", "sentinel-" + id + "-" + type));
  }

  private void sendCounted(Instance ri, LinkKind kind, List<String> argv) {
    Link link = ri.link;
    if (st.io.send(ri, kind, argv, r -> {
      if (link.pendingCommands > 0) link.pendingCommands--;
    })) {
      link.pendingCommands++;
    }
  }

  /** Redis's sentinelSendPing. */
  boolean sendPing(Instance ri) {
    boolean ok = command(ri, reply -> onPingReply(ri, reply), "PING");
    if (ok) {
      ri.link.lastPingTime = st.now();
      if (ri.link.actPingTime == 0) ri.link.actPingTime = ri.link.lastPingTime;
    }
    return ok;
  }

  void onPingReply(Instance ri, Reply r) {
    Link link = ri.link;
    String text = r instanceof Reply.Simple s ? s.text() : r instanceof Reply.Error e ? e.text() : null;
    if (text != null) {
      if (text.startsWith("PONG") || text.startsWith("LOADING") || text.startsWith("MASTERDOWN")) {
        link.lastAvailTime = st.now();
        link.actPingTime = 0;
        if (ri.masterReboot && text.startsWith("PONG")) ri.masterReboot = false;
      } else if (text.startsWith("BUSY") && ri.sDown && !ri.scriptKillSent) {
        command(ri, null, "SCRIPT", "KILL");
        ri.scriptKillSent = true;
      }
    }
    link.lastPongTime = st.now();
  }

  /** Redis's sentinelSendPeriodicCommands. */
  void sendPeriodicCommands(Instance ri) {
    Link link = ri.link;
    if (link.disconnected) return;
    if (link.pendingCommands >= MAX_PENDING_COMMANDS) return;
    long now = st.now();
    long infoPeriod = st.timings.infoPeriod;
    if (ri.kind == Instance.Kind.REPLICA
        && (ri.master.oDown || ri.master.failoverInProgress || ri.masterLinkDownTime != 0)) {
      infoPeriod = 1000;
    }
    long pingPeriod = Math.min(ri.downAfter, st.timings.pingPeriod);
    if (ri.kind != Instance.Kind.SENTINEL && (ri.infoRefresh == 0 || now - ri.infoRefresh > infoPeriod)) {
      command(ri, reply -> {
        if (reply instanceof Reply.Bulk b) st.infoRefresh.refresh(ri, b.utf8());
        else if (reply instanceof Reply.Verbatim v) st.infoRefresh.refresh(ri, v.text());
      }, "INFO");
    }
    if (now - link.lastPongTime > pingPeriod && now - link.lastPingTime > pingPeriod / 2) {
      sendPing(ri);
    }
    if (now - ri.lastPubTime > st.timings.publishPeriod) {
      st.hello.send(ri);
    }
  }

  /** Redis's sentinelCheckSubjectivelyDown, with its idle-link reconnection. */
  void checkSubjectivelyDown(Instance ri) {
    Link link = ri.link;
    long now = st.now();
    long elapsed = 0;
    if (link.actPingTime != 0) elapsed = now - link.actPingTime;
    else if (link.disconnected) elapsed = now - link.lastAvailTime;

    if (link.cmd && now - link.cmdConnTime > st.timings.minLinkReconnectPeriod
        && link.actPingTime != 0
        && now - link.actPingTime > ri.downAfter / 2
        && now - link.lastPongTime > ri.downAfter / 2) {
      closeLink(ri, LinkKind.CMD);
    }
    if (link.pubsub && now - link.pubsubConnTime > st.timings.minLinkReconnectPeriod
        && now - link.pubsubLastActivity > st.timings.publishPeriod * 3) {
      closeLink(ri, LinkKind.PUBSUB);
    }

    boolean down = elapsed > ri.downAfter
        || (ri.kind == Instance.Kind.MASTER && ri.roleReported == Instance.Kind.REPLICA
            && now - ri.roleReportedTime > ri.downAfter + st.timings.infoPeriod * 2)
        || (ri.masterReboot && now - ri.masterRebootSince > ri.masterRebootDownAfter);
    if (down) {
      if (!ri.sDown) {
        st.event(EventLevel.WARNING, "+sdown", ri, "");
        ri.sDownSince = now;
        ri.sDown = true;
      }
    } else if (ri.sDown) {
      st.event(EventLevel.WARNING, "-sdown", ri, "");
      ri.sDown = false;
      ri.scriptKillSent = false;
    }
  }

  /**
   * Redis's sentinelSendSlaveOf: a transaction of SLAVEOF (NO ONE when {@code to} is null),
   * CONFIG REWRITE, CLIENT KILL TYPE normal and pubsub, whose replies are ignored (INFO shows
   * the effect).
   */
  boolean sendSlaveOf(Instance ri, Addr to) {
    String host = to == null ? "NO" : to.announce(st.announceHostnames);
    String port = to == null ? "ONE" : Integer.toString(to.port());
    if (!command(ri, null, "MULTI")) return false;
    if (!command(ri, null, "SLAVEOF", host, port)) return false;
    if (!command(ri, null, "CONFIG", "REWRITE")) return false;
    if (!command(ri, null, "CLIENT", "KILL", "TYPE", "normal")) return false;
    if (!command(ri, null, "CLIENT", "KILL", "TYPE", "pubsub")) return false;
    return command(ri, null, "EXEC");
  }
}
