package io.kvstore.core.sentinel;

import io.kvstore.core.reply.Reply;
import io.kvstore.core.sentinel.SentinelIo.LinkKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Hello messages: sending ours, and what one from another sentinel teaches (Redis's
 * sentinelProcessHelloMessage). A hello about a master we monitor adds or updates the sending
 * sentinel (+sentinel, +sentinel-address-switch, +sentinel-invalid-addr), raises our current
 * epoch if theirs is higher (+new-epoch), and if it carries a newer configuration epoch for the
 * master with a different address, switches to that address (+config-update-from,
 * +switch-master). That last rule is how every sentinel learns the outcome of a failover led by
 * another one. Our own messages (they carry our id) are ignored.
 */
final class HelloHandler {
  private final SentinelState st;

  HelloHandler(SentinelState st) {
    this.st = st;
  }

  /** Every reply on a pub/sub link: SUBSCRIBE confirmations and messages. */
  void onPubsubReply(Instance ri, Reply r) {
    ri.link.pubsubLastActivity = st.now();
    List<Reply> items = r instanceof Reply.Array a ? a.items()
        : r instanceof Reply.Push p ? p.items() : null;
    if (items == null || items.size() != 3) return;
    for (Reply x : items) {
      if (!(x instanceof Reply.Bulk)) return;
    }
    if (!((Reply.Bulk) items.get(0)).utf8().equals("message")) return;
    String payload = ((Reply.Bulk) items.get(2)).utf8();
    if (st.myid != null && payload.contains(st.myid)) return;
    process(payload);
  }

  void process(String payload) {
    Hello h = Hello.parse(payload);
    if (h == null) {
      st.io.log(EventLevel.NOTICE, "Ignoring a malformed hello message: '"
          + (payload.length() > 128 ? payload.substring(0, 128) + "..." : payload) + "'");
      return;
    }
    Instance master = st.masters.get(h.masterName());
    if (master == null) return;
    Instance si = st.findByAddrAndRunId(master.sentinels, h.ip(), h.port(), h.runId());
    if (si == null) {
      int removed = st.removeSentinelByRunId(master, h.runId());
      if (removed > 0) {
        st.event(EventLevel.NOTICE, "+sentinel-address-switch", master,
            " ip " + h.ip() + " port " + h.port() + " for " + h.runId());
      } else {
        Instance other = st.findByAddrAndRunId(master.sentinels, h.ip(), h.port(), null);
        if (other != null) {
          st.event(EventLevel.NOTICE, "+sentinel-invalid-addr", other, "");
          String obsolete = other.runId;
          for (Instance m : new ArrayList<>(st.masters.values())) {
            st.removeSentinelByRunId(m, obsolete);
          }
        }
      }
      try {
        si = st.createInstance(h.runId(), Instance.Kind.SENTINEL, h.ip(), h.port(), master.quorum,
            master);
        if (removed == 0) st.event(EventLevel.NOTICE, "+sentinel", si, "");
        si.runId = h.runId();
        if (removed > 0) updateSentinelAddressInAllMasters(si);
        st.io.flushConfig();
      } catch (SentinelState.InstanceException e) {
        st.io.log(EventLevel.VERBOSE, "Ignoring hello from " + h.ip() + ":" + h.port() + ": "
            + e.getMessage());
        si = null;
      }
    }
    if (h.currentEpoch() > st.currentEpoch) {
      st.currentEpoch = h.currentEpoch();
      st.io.flushConfig();
      st.eventRaw(EventLevel.WARNING, "+new-epoch", Long.toString(st.currentEpoch));
    }
    if (si != null && master.configEpoch < h.masterConfigEpoch()) {
      master.configEpoch = h.masterConfigEpoch();
      if (h.masterPort() != master.addr.port() || !st.addrEqualsHostname(master.addr, h.masterIp())) {
        st.event(EventLevel.WARNING, "+config-update-from", si, "");
        st.eventRaw(EventLevel.WARNING, "+switch-master", master.name + " "
            + master.addr.announce(st.announceHostnames) + " " + master.addr.port() + " "
            + h.masterIp() + " " + h.masterPort());
        st.resetMasterAndChangeAddress(master, h.masterIp(), h.masterPort());
      }
    }
    if (si != null) si.lastHelloTime = st.now();
  }

  private void updateSentinelAddressInAllMasters(Instance ri) {
    int reconfigured = 0;
    for (Instance m : st.masters.values()) {
      Instance match = st.findByAddrAndRunId(m.sentinels, null, 0, ri.runId);
      if (match == null) continue;
      st.monitor.closeLink(match, LinkKind.CMD);
      st.monitor.closeLink(match, LinkKind.PUBSUB);
      if (match == ri) continue;
      match.addr = ri.addr;
      reconfigured++;
    }
    if (reconfigured > 0) {
      st.event(EventLevel.NOTICE, "+sentinel-address-update", ri,
          " " + reconfigured + " additional matching instances");
    }
  }

  /** Redis's sentinelSendHello: PUBLISH our hello through the instance's command link. */
  boolean send(Instance ri) {
    Instance master = ri.owner();
    Addr masterAddr = st.currentMasterAddress(master);
    if (ri.link.disconnected) return false;
    String ip = st.announceIp != null ? st.announceIp : st.io.localIp(ri);
    if (ip == null) return false;
    int port = st.announcePort != 0 ? st.announcePort : st.port;
    Hello h = new Hello(ip, port, st.myid, st.currentEpoch, master.name,
        masterAddr.announce(st.announceHostnames), masterAddr.port(), master.configEpoch);
    return st.monitor.command(ri, reply -> {
      if (!(reply instanceof Reply.Error)) ri.lastPubTime = st.now();
    }, "PUBLISH", SentinelState.HELLO_CHANNEL, h.format());
  }

  /** Makes the next timer run send hellos about {@code m} to all its instances. */
  void forceUpdate(Instance m) {
    long p = st.timings.publishPeriod + 1;
    if (m.lastPubTime >= p) m.lastPubTime -= p;
    for (Instance s : m.sentinels.values()) {
      if (s.lastPubTime >= p) s.lastPubTime -= p;
    }
    for (Instance r : m.replicas.values()) {
      if (r.lastPubTime >= p) r.lastPubTime -= p;
    }
  }
}
