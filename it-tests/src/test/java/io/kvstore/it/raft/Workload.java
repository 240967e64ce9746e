package io.kvstore.it.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kvstore.bench.client.Outcomes;
import io.kvstore.bench.history.HistoryRecorder;
import io.kvstore.bench.history.Op;
import io.kvstore.bench.history.OpType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A few client threads (Jedis, one connection each, each thread sending to one member) running a
 * closed loop of: APPEND of a unique token to a log key, INCR of a counter, SET of a unique value
 * to a register, GET of a register or a counter. Every operation is recorded with its outcome:
 * ok; failed when the reply says it was not executed (CLUSTERDOWN, TRYAGAIN, ... — and any error
 * of a read, which observes nothing); unknown for any other error after a write was sent
 * (notably {@code -UNKNOWN}) or a connection lost or timed out after sending it.
 */
final class Workload implements AutoCloseable {
  static final List<String> REGISTERS = List.of("reg:0", "reg:1", "reg:2");
  static final List<String> COUNTERS = List.of("ctr:0", "ctr:1");
  static final List<String> LOGS = List.of("log:0", "log:1");
  static final String TOKEN_END = ",";

  private record Ack(String member, long invokeNs, long completeNs) {}

  private final int threads;
  private final int socketTimeoutMs;
  private final HistoryRecorder recorder = new HistoryRecorder(null, true);
  private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final Map<String, String> errorExamples = new ConcurrentHashMap<>();
  private final List<Thread> workers = new ArrayList<>();
  private final Jedis[] connections;
  private volatile List<Member> targets;
  private volatile boolean stopping;

  Workload(int threads, List<Member> targets, int socketTimeoutMs) {
    this.threads = threads;
    this.targets = List.copyOf(targets);
    this.socketTimeoutMs = socketTimeoutMs;
    this.connections = new Jedis[threads];
  }

  Workload start() {
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread w = new Thread(() -> run(id), "raft-it-client-" + t);
      w.setDaemon(true);
      workers.add(w);
      w.start();
    }
    return this;
  }

  /** Thread t sends to {@code targets[t % size]} from its next operation on. */
  void retarget(List<Member> members) {
    targets = List.copyOf(members);
  }

  private void run(int t) {
    Random rnd = new Random(7919L * t + 17);
    long seq = 0;
    Member at = null;
    Jedis conn = null;
    while (!stopping) {
      List<Member> ts = targets;
      Member m = ts.get(t % ts.size());
      if (m != at || conn == null) {
        closeQuietly(conn);
        conn = null;
        at = m;
        try {
          conn = new Jedis(new HostAndPort("127.0.0.1", m.port()), DefaultJedisClientConfig.builder()
              .connectionTimeoutMillis(1000).socketTimeoutMillis(socketTimeoutMs)
              .clientSetInfoConfig(ClientSetInfoConfig.DISABLED).build());
          conn.connect();
          connections[t] = conn;
        } catch (JedisException e) {
          closeQuietly(conn);
          conn = null;
          count(m, "connect failed", e.getMessage());
          pause(100);
          continue;
        }
      }
      seq++;
      int r = rnd.nextInt(100);
      Status ok;
      if (r < 30) {
        ok = op(t, m, conn, OpType.ADD, LOGS.get(rnd.nextInt(LOGS.size())), "t" + t + "." + seq);
      } else if (r < 50) {
        ok = op(t, m, conn, OpType.INCR, COUNTERS.get(rnd.nextInt(COUNTERS.size())), null);
      } else if (r < 70) {
        ok = op(t, m, conn, OpType.WRITE, REGISTERS.get(rnd.nextInt(REGISTERS.size())), "v" + t + "." + seq);
      } else if (r < 85) {
        ok = op(t, m, conn, OpType.READ, REGISTERS.get(rnd.nextInt(REGISTERS.size())), null);
      } else {
        ok = op(t, m, conn, OpType.READ, COUNTERS.get(rnd.nextInt(COUNTERS.size())), null);
      }
      if (ok == Status.BROKEN) {
        closeQuietly(conn);
        conn = null;
        pause(50);
      } else {
        pause(ok == Status.OK ? 2 : 20); // after an error reply, do not spin on a member that refuses
      }
    }
    closeQuietly(conn);
  }

  private enum Status { OK, ERROR_REPLY, BROKEN }

  /** Runs and records one operation; BROKEN when the connection is no longer usable. */
  private Status op(int t, Member m, Jedis conn, OpType type, String key, String value) {
    boolean write = type != OpType.READ;
    Op op = Op.invoke(recorder.nextIndex(), t, type, key, value, System.nanoTime());
    Status status = Status.OK;
    try {
      String result;
      switch (type) {
        case ADD:
          conn.append(key, value + TOKEN_END);
          result = null;
          break;
        case INCR:
          result = Long.toString(conn.incr(key));
          break;
        case WRITE:
          result = conn.set(key, value);
          break;
        default:
          result = conn.get(key);
          break;
      }
      op = op.ok(System.nanoTime(), result);
      if (write) acks.add(new Ack(m.id(), op.invokeNs(), op.completeNs()));
    } catch (JedisDataException e) {
      long now = System.nanoTime();
      String msg = String.valueOf(e.getMessage());
      count(m, msg.split(" ", 2)[0], msg);
      op = !write || Outcomes.refused(msg) ? op.fail(now, msg) : op.info(now, msg);
      status = Status.ERROR_REPLY;
    } catch (JedisException e) {
      long now = System.nanoTime();
      String msg = e.getClass().getSimpleName() + ": " + e.getMessage();
      count(m, "connection", msg);
      op = write ? op.info(now, msg) : op.fail(now, msg);
      status = Status.BROKEN;
    }
    recorder.record(op);
    return status;
  }

  private void count(Member m, String kind, String example) {
    String k = m.id() + " " + kind;
    errors.computeIfAbsent(k, x -> new LongAdder()).increment();
    errorExamples.putIfAbsent(k, String.valueOf(example));
  }

  /** Writes acknowledged (completed) after {@code sinceNs}, by any member (null) or by one. */
  long acksSince(long sinceNs, Member member) {
    long n = 0;
    for (Ack a : acks) {
      if (a.completeNs() > sinceNs && (member == null || a.member().equals(member.id()))) n++;
    }
    return n;
  }

  /** Writes acknowledged through {@code member}, sent after {@code fromNs} and answered before {@code toNs}. */
  long acksWithin(Member member, long fromNs, long toNs) {
    long n = 0;
    for (Ack a : acks) {
      if (a.member().equals(member.id()) && a.invokeNs() > fromNs && a.completeNs() < toNs) n++;
    }
    return n;
  }

  /** Waits until at least {@code n} writes were acknowledged after {@code sinceNs} in all. */
  void awaitAcks(long sinceNs, int n) {
    await("" + n + " writes acknowledged").atMost(Duration.ofSeconds(90)).pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(acksSince(sinceNs, null)).as(this::errorSummary).isGreaterThanOrEqualTo(n));
  }

  /**
   * Waits until the clients of every given member had at least {@code n} writes acknowledged
   * after {@code sinceNs}: each of them serves writes (its own or forwarded to the leader).
   */
  void awaitAcksThrough(long sinceNs, int n, Collection<Member> each) {
    for (Member m : each) {
      await("" + n + " writes acknowledged through " + m.id()).atMost(Duration.ofSeconds(60))
          .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
          .untilAsserted(() -> assertThat(acksSince(sinceNs, m)).as(this::errorSummary).isGreaterThanOrEqualTo(n));
    }
  }

  /** Error replies and connection failures by member and kind, with one example each. */
  String errorSummary() {
    StringBuilder sb = new StringBuilder("client errors by member and kind:");
    for (Map.Entry<String, LongAdder> e : new TreeMap<>(errors).entrySet()) {
      sb.append("\n  ").append(e.getKey()).append(": ").append(e.getValue().sum()).append(" (e.g. ")
          .append(errorExamples.get(e.getKey())).append(')');
    }
    return sb.toString();
  }

  List<Op> ops() {
    return recorder.ops();
  }

  /** Stops the clients; an operation in flight ends within the socket timeout. */
  void stop() throws InterruptedException {
    stopping = true;
    for (Thread w : workers) w.join(socketTimeoutMs + 5000L);
    for (int t = 0; t < threads; t++) {
      if (workers.get(t).isAlive()) closeQuietly(connections[t]);
    }
    for (Thread w : workers) w.join(5000);
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(Jedis j) {
    if (j == null) return;
    try {
      j.close();
    } catch (RuntimeException e) {
      // already broken
    }
  }
}
