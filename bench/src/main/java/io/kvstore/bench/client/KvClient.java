package io.kvstore.bench.client;

import io.kvstore.bench.history.Op;
import io.kvstore.bench.history.OpType;
import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One client process: a Jedis connection to wherever the {@link Router} points, running
 * {@link Request}s and turning each into an {@link Op} with an honest outcome.
 *
 * <p>Outcomes: OK when the reply was seen. FAIL when the request certainly had no effect: the
 * connection could not be opened, the error reply says the command was refused before running
 * ({@link Outcomes#refused}), a CAS found another value or its EXEC was aborted by WATCH, or a
 * read got no answer (a read changes nothing). INFO when a write was sent and its fate is unknown:
 * a timeout, a dropped connection, an {@code UNKNOWN} reply, or (in WAIT modes) fewer replicas
 * acknowledging than asked. After an INFO the process takes a new id (id + number of workers),
 * Jepsen's convention, since its unknown operation may still take effect concurrently with what
 * it does next.
 *
 * <p>A CAS is WATCH key, GET key, then UNWATCH if the value differs, else MULTI, SET, EXEC.
 */
public final class KvClient implements Closeable {
  private final int workers;
  private final Router router;
  private final ClientPolicy policy;
  private final JedisClientConfig config;
  private int process;
  private Jedis conn;
  private Endpoint connectedTo;

  public KvClient(int worker, int workers, Router router, ClientPolicy policy) {
    this.process = worker;
    this.workers = workers;
    this.router = router;
    this.policy = policy;
    this.config = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(Math.min(policy.opTimeoutMs(), 1000))
        .socketTimeoutMillis(policy.opTimeoutMs()).clientSetInfoConfig(ClientSetInfoConfig.DISABLED).build();
  }

  /** The current process id. */
  public int process() {
    return process;
  }

  /** Runs one request; {@code index} is its history index. Never throws for cluster failures. */
  public Op execute(Request r, long index) {
    Endpoint ep = router.endpoint(process);
    long start = System.nanoTime();
    Op op = r.type() == OpType.CAS
        ? Op.invokeCas(index, process, r.key(), r.expected(), r.value(), start)
        : Op.invoke(index, process, r.type(), r.key(), r.value(), start);
    if (ep == null) {
      return op.fail(System.nanoTime(), "no master known");
    }
    try {
      connect(ep);
    } catch (JedisException e) {
      drop();
      router.failed(process, ep);
      return op.fail(System.nanoTime(), "connect: " + brief(e));
    }
    boolean[] sentWrite = {false};
    Op done;
    try {
      done = run(r, op, sentWrite);
      if (done.isOk() && policy.waitReplicas() > 0 && changedState(done)) {
        done = awaitReplicas(done);
      }
    } catch (JedisDataException e) {
      String msg = e.getMessage() == null ? "" : e.getMessage();
      drop();
      if (Outcomes.redirects(msg)) {
        router.failed(process, ep);
      }
      done = Outcomes.refused(msg) || !sentWrite[0] || r.type() == OpType.READ
          ? op.fail(System.nanoTime(), msg) : op.info(System.nanoTime(), msg);
    } catch (JedisException e) {
      drop();
      router.failed(process, ep);
      done = !sentWrite[0] || r.type() == OpType.READ
          ? op.fail(System.nanoTime(), brief(e)) : op.info(System.nanoTime(), brief(e));
    }
    if (done.isInfo()) {
      process += workers;
    }
    return done;
  }

  private static boolean changedState(Op op) {
    return switch (op.type()) {
      case READ -> false;
      case CAS -> op.casApplied();
      default -> true;
    };
  }

  private Op awaitReplicas(Op op) {
    try {
      Object n = conn.sendCommand(Protocol.Command.WAIT, Integer.toString(policy.waitReplicas()),
          Integer.toString(policy.waitTimeoutMs()));
      long acked = n instanceof Long l ? l : -1;
      if (acked >= policy.waitReplicas()) {
        return op;
      }
      return op.info(System.nanoTime(), "WAIT: " + acked + " of " + policy.waitReplicas() + " replicas acknowledged");
    } catch (JedisException e) {
      drop();
      return op.info(System.nanoTime(), "WAIT: " + brief(e));
    }
  }

  private Op run(Request r, Op op, boolean[] sentWrite) {
    switch (r.family()) {
      case REGISTER:
      case KV:
        return register(r, op, sentWrite);
      case SET:
        if (r.type() == OpType.ADD) {
          sentWrite[0] = true;
          conn.sendCommand(Protocol.Command.SET, r.redisKey(), "1");
          return op.ok(System.nanoTime(), null);
        }
        Object keys = conn.sendCommand(Protocol.Command.KEYS, r.redisKey());
        return op.okValues(System.nanoTime(), elements(keys, r.redisKey().substring(0, r.redisKey().length() - 1)));
      case COUNTER:
        if (r.type() == OpType.INCR) {
          sentWrite[0] = true;
          Object n = conn.sendCommand(Protocol.Command.INCR, r.redisKey());
          return op.ok(System.nanoTime(), String.valueOf(n));
        }
        return read(op, r);
      default:
        throw new IllegalArgumentException(r.family().name());
    }
  }

  private Op register(Request r, Op op, boolean[] sentWrite) {
    switch (r.type()) {
      case READ:
        return read(op, r);
      case WRITE:
        sentWrite[0] = true;
        conn.sendCommand(Protocol.Command.SET, r.redisKey(), r.value());
        return op.ok(System.nanoTime(), null);
      case CAS: {
        conn.sendCommand(Protocol.Command.WATCH, r.redisKey());
        String current = text(conn.sendCommand(Protocol.Command.GET, r.redisKey()));
        if (!Objects.equals(current, r.expected())) {
          conn.sendCommand(Protocol.Command.UNWATCH);
          return op.ok(System.nanoTime(), Op.CAS_MISMATCH);
        }
        conn.sendCommand(Protocol.Command.MULTI);
        conn.sendCommand(Protocol.Command.SET, r.redisKey(), r.value());
        sentWrite[0] = true;
        Object res = conn.sendCommand(Protocol.Command.EXEC);
        if (res == null) {
          return op.fail(System.nanoTime(), "EXEC aborted: the watched key changed");
        }
        if (res instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof JedisDataException e) {
          throw e;
        }
        return op.ok(System.nanoTime(), Op.CAS_APPLIED);
      }
      default:
        throw new IllegalArgumentException("register " + r.type());
    }
  }

  /** GET; the completion time is taken after the reply (never as an argument evaluated before it). */
  private Op read(Op op, Request r) {
    String value = text(conn.sendCommand(Protocol.Command.GET, r.redisKey()));
    return op.ok(System.nanoTime(), value);
  }

  private void connect(Endpoint ep) {
    if (conn != null && ep.equals(connectedTo) && conn.isConnected() && !conn.isBroken()) {
      return;
    }
    drop();
    Jedis j = new Jedis(new HostAndPort(ep.host(), ep.port()), config);
    try {
      j.connect();
      if (policy.staleReads()) {
        j.sendCommand(Protocol.Command.READONLY);
      }
    } catch (JedisException e) {
      j.close();
      throw e;
    }
    conn = j;
    connectedTo = ep;
  }

  private void drop() {
    if (conn != null) {
      try {
        conn.close();
      } catch (RuntimeException ignored) {
        // already broken
      }
    }
    conn = null;
    connectedTo = null;
  }

  private static String text(Object o) {
    if (o == null) {
      return null;
    }
    return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
  }

  private static List<String> elements(Object reply, String prefix) {
    List<String> out = new ArrayList<>();
    if (reply instanceof List<?> l) {
      for (Object o : l) {
        String k = text(o);
        out.add(k.startsWith(prefix) ? k.substring(prefix.length()) : k);
      }
    }
    return out;
  }

  static String brief(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    String kind = root instanceof JedisConnectionException ? "connection" : root.getClass().getSimpleName();
    return m == null ? kind : kind + ": " + m;
  }

  @Override
  public void close() {
    drop();
  }
}
