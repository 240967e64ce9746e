package io.kvstore.core.sentinel;

import io.kvstore.core.engine.ManualClock;
import io.kvstore.core.reply.Reply;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A Sentinel state machine with a manual clock and a scripted world: instances that are "up"
 * answer PING and the other housekeeping commands, and answer INFO with the text set for their
 * address; others never answer.
 */
final class Harness {
  static final String ME = "a".repeat(40);
  static final String B = "b".repeat(40);
  static final String C = "c".repeat(40);

  final ManualClock clock = new ManualClock(1_700_000_000_000L);
  final FakeIo io = new FakeIo();
  final SentinelState st = new SentinelState(clock, new SplittableRandom(7), Resolver.LITERALS, io);
  final Set<String> up = new HashSet<>();
  final Map<String, String> info = new HashMap<>();

  Harness() {
    st.setMyid(ME);
    st.setPort(26379);
  }

  Instance monitor(int port, int quorum, long downAfter, long failoverTimeout) throws Exception {
    Instance m = st.addMaster("mymaster", "127.0.0.1", port, quorum);
    m.downAfter = downAfter;
    m.failoverTimeout = failoverTimeout;
    st.start();
    return m;
  }

  static String masterInfo(String runId, int... replicaPorts) {
    StringBuilder sb = new StringBuilder("# Server\r\nredis_version:7.0.15\r\nrun_id:" + runId
        + "\r\n\r\n# Replication\r\nrole:master\r\nconnected_slaves:" + replicaPorts.length + "\r\n");
    for (int i = 0; i < replicaPorts.length; i++) {
      sb.append("slave").append(i).append(":ip=127.0.0.1,port=").append(replicaPorts[i])
          .append(",state=online,offset=100,lag=0\r\n");
    }
    return sb.append("master_repl_offset:100\r\n").toString();
  }

  static String replicaInfo(String runId, int masterPort, boolean linkUp, int priority, long offset) {
    return "# Server\r\nrun_id:" + runId + "\r\n\r\n# Replication\r\nrole:slave\r\n"
        + "master_host:127.0.0.1\r\nmaster_port:" + masterPort + "\r\nmaster_link_status:"
        + (linkUp ? "up" : "down") + "\r\nmaster_last_io_seconds_ago:1\r\n"
        + (linkUp ? "" : "master_link_down_since_seconds:1\r\n")
        + "slave_priority:" + priority + "\r\nslave_repl_offset:" + offset + "\r\n"
        + "replica_announced:1\r\n";
  }

  static String runId(char c) {
    return String.valueOf(c).repeat(40);
  }

  void up(int port, String infoText) {
    up.add("127.0.0.1:" + port);
    if (infoText != null) info.put("127.0.0.1:" + port, infoText);
  }

  void down(int port) {
    up.remove("127.0.0.1:" + port);
  }

  /** Advances time by {@code ms} in 100 ms timer runs, letting live instances answer. */
  void run(long ms) {
    for (long t = 0; t < ms; t += 100) {
      clock.advance(100);
      st.timer();
      answer();
    }
  }

  void answer() {
    for (FakeIo.Sent s : List.copyOf(io.pending)) {
      String key = s.to().addr().ip() + ":" + s.to().addr().port();
      if (!up.contains(key) || !io.pending.contains(s)) continue;
      String c = s.argv().get(0).toUpperCase();
      if (c.equals("SUBSCRIBE") || c.equals("SENTINEL")) continue;
      io.pending.remove(s);
      Reply r = switch (c) {
        case "PING" -> Reply.PONG;
        case "PUBLISH" -> Reply.ONE;
        case "INFO" -> info.containsKey(key) ? Reply.bulk(info.get(key)) : Reply.error("ERR no");
        default -> Reply.OK;
      };
      s.onReply().accept(r);
    }
  }

  /** Another sentinel announces itself on the master. */
  void helloFrom(String runId, int port, long epoch, int masterPort, long configEpoch) {
    st.processHello(new Hello("127.0.0.1", port, runId, epoch, "mymaster", "127.0.0.1", masterPort,
        configEpoch).format());
  }

  /** Answers pending is-master-down-by-addr requests to the sentinel {@code runId}. */
  int voteReply(Instance master, String runId, boolean down, String leader, long epoch) {
    Instance s = master.sentinels.get(runId);
    return io.reply(s, "SENTINEL", Reply.array(Reply.integer(down ? 1 : 0), Reply.bulk(leader),
        Reply.integer(epoch)));
  }
}
