package io.kvstore.core.replication;

import io.kvstore.core.engine.Effect;
import io.kvstore.core.testing.Replies;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One script's world: named nodes, one clock (ms), one id sequence. Commands (the second word
 * names the node, except for {@code time} and {@code skip-ids}):
 * <pre>
 * node N [backlog=] [ttl=] [ping-period=] [min-replicas=] [max-lag=]   a new master
 * time MS | skip-ids K | ids N | info N | role N
 * write N [db=D] ARGS... [; [db=D] ARGS...]     effects of one write (%K = K 'x' chars)
 * ping N | getack N | cron N                    stream bytes fed by the master
 * psync N client= replid= offset= [capa] [ip=] [port=]      master side PSYNC
 * online N client= [wait-ack] | detach N client= | ack N client= offset= | ack-only ...
 * wait N client= offset= num= timeout= [multi] | beforesleep N | wait-timeouts N | good N
 * sync-replica M R client=     R fully synced from M at once;  replicate M R: M's new bytes to R
 * promote N | continue N replid= | recv N BYTES | replica-cron N
 * replicaof N host= port= listen= [user=] [auth=] [announce-ip=] [cached=none]
 * connecting N | connected N | line N TEXT | timeout N | bulk N BYTES | loaded N
 * </pre>
 * BYTES use {@code \r}, {@code \n} and {@code \xNN} escapes.
 */
final class ScriptInterpreter {
  private final SequenceRandom random = new SequenceRandom();
  private final Map<String, SimNode> nodes = new LinkedHashMap<>();
  private long now = 1_000_000;

  String exec(String line) {
    String[] head = line.split(" ", 3);
    String cmd = head[0];
    String target = head.length > 1 ? head[1] : "";
    String rest = head.length > 2 ? head[2] : "";
    if (cmd.equals("time")) {
      now = Long.parseLong(target);
      return "now=" + now;
    }
    if (cmd.equals("node")) return node(target, args(rest));
    if (cmd.equals("skip-ids")) { // draw ids nobody uses, so later ones contain letters
      for (int i = 0; i < Integer.parseInt(target); i++) ReplicationIds.randomId(random);
      return "skipped " + target;
    }
    SimNode n = nodes.get(target);
    if (n == null) throw new IllegalArgumentException("no node " + target);
    ScriptOut out = new ScriptOut();
    switch (cmd) {
      case "ids" -> out.ids(n);
      case "write" -> write(n, rest, out);
      case "ping" -> feed(n, n.encoder.ping(), out);
      case "getack" -> feed(n, n.encoder.getAck(), out);
      case "cron" -> cron(n, out);
      case "psync" -> psync(n, args(rest), out);
      case "online" -> {
        Map<String, String> a = args(rest);
        n.acks.markOnline(num(a, "client"), a.containsKey("wait-ack"), now);
        n.acks.refreshGood(now, n.minReplicasToWrite, n.minReplicasMaxLag);
        out.add("client " + a.get("client") + " online" + (a.containsKey("wait-ack") ? " (stream waits for its first ACK)" : ""));
      }
      case "detach" -> {
        long c = num(args(rest), "client");
        if (n.acks.detach(c)) {
          n.log.onNoReplicas(now);
          out.add("last replica detached at " + now / 1000 + "s");
        } else {
          out.add("detached");
        }
        n.acks.refreshGood(now, n.minReplicasToWrite, n.minReplicasMaxLag);
      }
      case "ack" -> ack(n, args(rest), out);
      case "ack-only" -> { // an ACK read in this event-loop iteration, processed before sleeping
        Map<String, String> a = args(rest);
        n.acks.onAck(num(a, "client"), num(a, "offset"), now);
        out.add("acked=" + n.acks.get(num(a, "client")).ackOffset());
      }
      case "wait" -> waitCmd(n, args(rest), out);
      case "beforesleep" -> {
        releases(n.waits.process(), out);
        if (n.waits.takeGetAckRequest()) feed(n, n.encoder.getAck(), out);
      }
      case "wait-timeouts" -> releases(n.waits.tick(now), out);
      case "good" -> { // the cached count the write gate uses, and what a refresh would find
        out.add("good=" + n.acks.goodCount() + " (now " + n.acks.goodReplicas(now, n.minReplicasMaxLag)
            + ") writes-allowed="
            + n.acks.enoughGoodReplicas(n.minReplicasToWrite, n.minReplicasMaxLag));
      }
      case "promote" -> promote(n, out);
      case "sync-replica" -> syncReplica(n, head, out);
      case "replicate" -> replicate(n, rest, out);
      case "recv" -> recv(n, Wire.unescape(rest), out);
      case "replica-cron" -> out.add("send: " + Wire.escape(n.offsets.ack()));
      case "continue" -> {
        String id = expand(args(rest).get("replid"));
        boolean shifted = n.log.ids().onContinue(id);
        n.log.createBacklog();
        out.add(shifted ? "ids shifted" : "ids unchanged");
        out.ids(n);
      }
      case "info" -> n.info.fields(now, n.link(), n.minReplicasToWrite, n.minReplicasMaxLag,
          "no-failover").forEach((k, v) -> out.add(k + ":" + v));
      case "role" -> out.add(Replies.text(n.info.role(n.link())));
      case "replicaof" -> replicaof(n, args(rest), out);
      case "connecting" -> {
        if (n.offsets != null) { // the lost link's master is cached for the next PSYNC
          n.handshake.setCachedMaster(n.log.ids().replid(), n.offsets.applied());
        }
        n.handshake.onConnecting(now);
        out.add("state=" + n.handshake.state());
      }
      case "connected" -> actions(n, n.handshake.onConnected(now), out);
      case "line" -> actions(n, n.handshake.onLine(rest, now), out);
      case "timeout" -> actions(n, n.handshake.onTimeout(now), out);
      case "bulk" -> bulk(n, Wire.unescape(rest), out);
      case "loaded" -> loaded(n, out);
      default -> throw new IllegalArgumentException("unknown command " + cmd);
    }
    return out.text();
  }

  private String node(String name, Map<String, String> a) {
    SimNode n = new SimNode(name, new ReplicationIds(random),
        Long.parseLong(a.getOrDefault("backlog", "1048576")),
        Long.parseLong(a.getOrDefault("ttl", "3600")), now);
    n.pingPeriod = Integer.parseInt(a.getOrDefault("ping-period", "10"));
    n.minReplicasToWrite = Integer.parseInt(a.getOrDefault("min-replicas", "0"));
    n.minReplicasMaxLag = Long.parseLong(a.getOrDefault("max-lag", "10"));
    nodes.put(name, n);
    ScriptOut out = new ScriptOut();
    out.ids(n);
    return out.text();
  }

  private void write(SimNode n, String rest, ScriptOut out) {
    List<Effect> effects = new ArrayList<>();
    int db = 0;
    for (String part : rest.split(";")) {
      List<String> words = new ArrayList<>(Arrays.asList(part.trim().split("\\s+")));
      if (words.get(0).startsWith("db=")) db = Integer.parseInt(words.remove(0).substring(3));
      for (int i = 0; i < words.size(); i++) { // %N: a value of N 'x' characters
        String w = words.get(i);
        if (w.startsWith("%")) words.set(i, "x".repeat(Integer.parseInt(w.substring(1))));
      }
      effects.add(Effect.of(db, words.toArray(new String[0])));
    }
    feed(n, n.encoder.encode(effects), out);
  }

  private void feed(SimNode n, byte[] bytes, ScriptOut out) {
    boolean counted = n.log.feed(bytes);
    out.stream(bytes);
    out.add(counted ? "offset=" + n.log.ids().masterReplOffset()
        : "no backlog: offset stays " + n.log.ids().masterReplOffset());
  }

  private void cron(SimNode n, ScriptOut out) {
    if (n.log.cron(now, n.acks.size(), !n.isReplica())) {
      out.add("backlog freed");
      out.ids(n);
    }
    byte[] ping = n.encoder.cronPing(!n.isReplica(), n.acks.size(), n.pingPeriod);
    if (ping.length > 0) feed(n, ping, out);
    n.acks.refreshGood(now, n.minReplicasToWrite, n.minReplicasMaxLag);
    if (out.isEmpty()) out.add("nothing");
  }

  private void psync(SimNode n, Map<String, String> a, ScriptOut out) {
    long client = num(a, "client");
    String replid = expand(a.get("replid"));
    PsyncDecision d = PsyncDecision.decide(n.log.ids(), n.log.backlog(), replid, a.get("offset"),
        a.containsKey("capa"), a.getOrDefault("ip", "127.0.0.1") + ":" + a.getOrDefault("port", "6380"));
    d.account(n.stats);
    if (d instanceof PsyncDecision.Continue c) {
      out.add("continue at " + c.offset());
      out.add("reply: " + Wire.escape(Wire.ascii(c.replyLine())));
      out.stream(c.backlogBytes());
      out.add("backlog bytes=" + c.backlogBytes().length);
      attach(n, client, a, ReplicaAcks.State.ONLINE);
      n.acks.refreshGood(now, n.minReplicasToWrite, n.minReplicasMaxLag);
    } else if (d instanceof PsyncDecision.FullResync f) {
      out.add("full resync: " + f.reason());
      attach(n, client, a, ReplicaAcks.State.WAIT_BGSAVE_START);
      if (n.log.onFullSyncReplica(n.acks.size())) {
        out.add("backlog created");
        out.ids(n);
      }
      // the snapshot starts now: the reply carries the offset it is taken at
      n.acks.setState(client, ReplicaAcks.State.WAIT_BGSAVE_END);
      n.encoder.reset();
      out.add("reply: " + Wire.escape(Wire.ascii(PsyncDecision.fullResyncLine(
          n.log.ids().replid(), n.log.ids().masterReplOffset()))));
    } else if (d instanceof PsyncDecision.Invalid i) {
      out.add("error: " + i.error());
    }
    out.add("stats: sync_full=" + n.stats.syncFull + " sync_partial_ok=" + n.stats.syncPartialOk
        + " sync_partial_err=" + n.stats.syncPartialErr);
  }

  private void attach(SimNode n, long client, Map<String, String> a, ReplicaAcks.State state) {
    n.acks.attach(client, a.getOrDefault("ip", "127.0.0.1"),
        Integer.parseInt(a.getOrDefault("port", "6380")), state, now);
  }

  private void ack(SimNode n, Map<String, String> a, ScriptOut out) {
    long client = num(a, "client");
    boolean start = n.acks.get(client) != null && n.acks.get(client).waitingFirstAck();
    List<WaitTracker.Release> r = n.waits.onAck(client, num(a, "offset"), now);
    if (start && !n.acks.get(client).waitingFirstAck()) out.add("stream to client " + client + " starts");
    releases(r, out);
    if (out.isEmpty()) out.add("acked=" + (n.acks.get(client) == null ? "ignored" : n.acks.get(client).ackOffset()));
  }

  private void waitCmd(SimNode n, Map<String, String> a, ScriptOut out) {
    WaitTracker.Outcome o = n.waits.wait(num(a, "client"), num(a, "offset"), num(a, "num"),
        num(a, "timeout"), a.containsKey("multi"), now);
    out.add(o.blocked() ? "blocked" : "reply :" + o.count());
  }

  private static void releases(List<WaitTracker.Release> rs, ScriptOut out) {
    for (WaitTracker.Release r : rs) out.add("release client " + r.clientId() + " :" + r.count());
  }

  private void promote(SimNode n, ScriptOut out) {
    if (!n.isReplica()) { // replicationUnsetMaster does nothing on a master
      out.add("already a master: nothing changes");
      return;
    }
    n.handshake = null;
    n.offsets = null;
    n.log.promote(now);
    n.encoder.reset();
    List<Long> dropped = new ArrayList<>();
    for (ReplicaAcks.Replica r : new ArrayList<>(n.acks.all())) {
      dropped.add(r.clientId());
      n.acks.detach(r.clientId());
    }
    if (!dropped.isEmpty()) out.add("disconnected replicas " + dropped);
    out.ids(n);
  }

  /** A complete full sync of {@code head[2]} from {@code master}, all at this instant. */
  private void syncReplica(SimNode master, String[] head, ScriptOut out) {
    String[] parts = head[2].split(" ");
    SimNode replica = nodes.get(parts[0]);
    long client = num(args(parts.length > 1 ? parts[1] : ""), "client");
    PsyncDecision d = PsyncDecision.decide(master.log.ids(), master.log.backlog(), "?", "-1", true, "r");
    d.account(master.stats);
    master.acks.attach(client, "127.0.0.1", 7000 + (int) client, ReplicaAcks.State.WAIT_BGSAVE_START, now);
    if (master.log.onFullSyncReplica(master.acks.size())) out.add(master.name + ": backlog created");
    master.encoder.reset();
    String replid = master.log.ids().replid();
    long offset = master.log.ids().masterReplOffset();
    out.add(master.name + ": +FULLRESYNC " + replid + " " + offset);
    master.acks.markOnline(client, false, now);
    replica.handshake = new ReplicaHandshake(ReplicaHandshake.Settings.of("", "", 7000, ""));
    replica.masterHost = "127.0.0.1";
    replica.masterPort = 6000;
    replica.log.ids().adoptMaster(replid, offset);
    replica.log.createBacklog();
    replica.offsets = new ReplicaOffsets(offset);
    replica.lastInteractionMs = now;
    replica.handshake.onConnecting(now);
    replica.handshake.onConnected(now);
    replica.handshake.onLine("+PONG", now);
    replica.handshake.onLine("+OK", now);
    replica.handshake.onLine("+OK", now);
    replica.handshake.onLine("+FULLRESYNC " + replid + " " + offset, now);
    replica.handshake.onSyncLoaded(now);
    out.ids(replica);
  }

  private void replicate(SimNode master, String rest, ScriptOut out) {
    SimNode replica = nodes.get(rest.trim());
    byte[] bytes = master.log.backlog().copyFrom(replica.offsets.read() + 1);
    recv(replica, bytes, out);
  }

  /** The replica side of the stream: apply whole commands, ACK GETACKs, forward what applied. */
  private void recv(SimNode n, byte[] bytes, ScriptOut out) {
    n.offsets.onReceived(bytes.length);
    n.pendingStream.writeBytes(bytes);
    n.lastInteractionMs = now;
    byte[] pending = n.pendingStream.toByteArray();
    int used = 0;
    for (byte[] cmd : Wire.commands(pending)) {
      used += cmd.length;
      List<String> w = Wire.words(cmd);
      if (w.size() == 3 && w.get(0).equalsIgnoreCase("REPLCONF") && w.get(1).equalsIgnoreCase("GETACK")) {
        out.add("send: " + Wire.escape(n.offsets.ack()));
      }
      n.offsets.onApplied(cmd.length);
      n.log.feed(cmd); // forwarded unchanged to the replica's backlog and sub-replicas
      out.add("applied " + String.join(" ", w) + " (" + cmd.length + " bytes)");
    }
    n.pendingStream.reset();
    n.pendingStream.write(pending, used, pending.length - used);
    out.add("read=" + n.offsets.read() + " applied=" + n.offsets.applied()
        + " master_repl_offset=" + n.log.ids().masterReplOffset());
  }

  private void replicaof(SimNode n, Map<String, String> a, ScriptOut out) {
    n.masterHost = a.get("host");
    n.masterPort = Integer.parseInt(a.get("port"));
    n.handshake = new ReplicaHandshake(new ReplicaHandshake.Settings(a.getOrDefault("user", ""),
        a.getOrDefault("auth", ""), Integer.parseInt(a.get("listen")), a.getOrDefault("announce-ip", ""),
        Long.parseLong(a.getOrDefault("step-timeout", "5000")),
        Long.parseLong(a.getOrDefault("repl-timeout", "60"))));
    if (!"none".equals(a.get("cached"))) {
      // a master turning replica caches itself: its own id and offset
      n.handshake.setCachedMaster(n.log.ids().replid(), n.log.ids().masterReplOffset());
      out.add("cached master " + n.log.ids().replid() + " " + n.log.ids().masterReplOffset());
    }
    out.add("state=" + n.handshake.state());
  }

  private void actions(SimNode n, List<ReplicaHandshake.Action> actions, ScriptOut out) {
    for (ReplicaHandshake.Action a : actions) {
      if (a instanceof ReplicaHandshake.Send s) {
        out.sendLines(s.bytes());
      } else if (a instanceof ReplicaHandshake.StartFullSync f) {
        n.syncReplid = f.replid();
        n.syncOffset = f.offset();
        n.bulk = new BulkPayloadParser();
        out.add("start full sync replid=" + f.replid() + " offset=" + f.offset());
      } else if (a instanceof ReplicaHandshake.Continue c) {
        out.add(a.toString());
        if (c.newReplid() != null && n.log.ids().onContinue(c.newReplid())) out.add("ids shifted");
        n.log.createBacklog();
        n.offsets = new ReplicaOffsets(n.log.ids().masterReplOffset());
        n.lastInteractionMs = now;
        out.ids(n);
      } else if (a instanceof ReplicaHandshake.FallbackToSync) {
        n.syncReplid = "";
        n.syncOffset = -1;
        n.bulk = new BulkPayloadParser();
        out.add("fallback to SYNC");
      } else {
        out.add(a.toString());
      }
    }
    out.add("state=" + n.handshake.state());
  }

  private void bulk(SimNode n, byte[] bytes, ScriptOut out) {
    BulkPayloadParser.Result r = n.bulk.feed(bytes);
    if (r.error() != null) {
      out.add("error: " + r.error());
      return;
    }
    if (r.payload().length > 0) out.add("payload: " + Wire.escape(r.payload()));
    if (r.done()) {
      out.add("done, rest: " + Wire.escape(r.rest()));
      n.pendingStream.writeBytes(r.rest());
    } else if (r.payload().length == 0) {
      out.add("waiting (size=" + n.bulk.transferSize() + " read=" + n.bulk.transferRead() + ")");
    }
  }

  private void loaded(SimNode n, ScriptOut out) {
    n.handshake.onSyncLoaded(now);
    n.log.ids().adoptMaster(n.syncReplid, n.syncOffset);
    n.log.createBacklog();
    n.offsets = new ReplicaOffsets(n.syncOffset);
    n.lastInteractionMs = now;
    out.add("state=" + n.handshake.state());
    out.ids(n);
    if (n.bulk.eofForm()) out.add("send: " + Wire.escape(n.offsets.ack()));
    byte[] early = n.pendingStream.toByteArray();
    n.pendingStream.reset();
    if (early.length > 0) recv(n, early, out);
  }

  private static Map<String, String> args(String rest) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String t : rest.trim().split("\\s+")) {
      if (t.isEmpty()) continue;
      int eq = t.indexOf('=');
      if (eq < 0) m.put(t, "");
      else m.put(t.substring(0, eq), t.substring(eq + 1));
    }
    return m;
  }

  private static long num(Map<String, String> a, String k) {
    String v = a.get(k);
    if (v == null) throw new IllegalArgumentException("missing " + k + "=");
    return Long.parseLong(v);
  }

  private static String expand(String v) {
    if (v != null && v.length() == 2 && v.charAt(0) == '@') return SequenceRandom.id(v.charAt(1));
    return v;
  }
}
