package io.kvstore.core.replication;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The master's view of its attached replicas, in attach order: state, the offset each one
 * acknowledged and when (Redis 7.0 {@code repl_ack_off} / {@code repl_ack_time}).
 *
 * <ul>
 *   <li>{@code REPLCONF ACK <off>} raises the acked offset (never lowers it) and always
 *       refreshes the ack time; from a connection that is not a replica it is ignored.
 *   <li>A replica put online gets its ack time set (no false timeout). One fed a diskless
 *       snapshot gets no stream until its first ACK arrives ({@link #onAck} says when).
 *   <li>Lag is in whole seconds, {@code now - ack time}, shown only for online replicas.
 *   <li>A replica is good for {@code min-replicas-to-write} when online with lag
 *       {@code <= min-replicas-max-lag}. Like Redis, the good count is a cached value refreshed
 *       by {@link #refreshGood} (once a second from the cron, and when replicas come and go);
 *       the check is off when either setting is 0.
 *   <li>WAIT counts online replicas whose acked offset reaches the target ({@link #countAcked}).
 * </ul>
 */
public final class ReplicaAcks {

  /** Redis's replstate, with the names INFO uses. */
  public enum State {
    WAIT_BGSAVE_START("wait_bgsave"), WAIT_BGSAVE_END("wait_bgsave"), SEND_BULK("send_bulk"),
    ONLINE("online");

    private final String infoName;

    State(String infoName) {
      this.infoName = infoName;
    }

    public String infoName() { return infoName; }
  }

  /** One attached replica; {@code ip} is its announced address or else its peer address. */
  public static final class Replica {
    private final long clientId;
    private final String ip;
    private final int listeningPort;
    private State state;
    private long ackOffset;
    private long ackTimeMs;
    private boolean startStreamOnAck;

    Replica(long clientId, String ip, int listeningPort, State state) {
      this.clientId = clientId;
      this.ip = ip;
      this.listeningPort = listeningPort;
      this.state = state;
    }

    public long clientId() { return clientId; }
    public String ip() { return ip; }
    public int listeningPort() { return listeningPort; }
    public State state() { return state; }
    public long ackOffset() { return ackOffset; }
    public long ackTimeMs() { return ackTimeMs; }
    public boolean waitingFirstAck() { return startStreamOnAck; }

    /** Seconds since the last ACK for an online replica, 0 otherwise (INFO's lag). */
    public long lagSeconds(long nowMs) {
      return state == State.ONLINE ? nowMs / 1000 - ackTimeMs / 1000 : 0;
    }
  }

  private final Map<Long, Replica> replicas = new LinkedHashMap<>();
  private int goodCount;

  /** A connection became a replica (PSYNC/SYNC accepted, before any state change). */
  public Replica attach(long clientId, String ip, int listeningPort, State state, long nowMs) {
    Replica r = new Replica(clientId, ip, listeningPort, state);
    if (state == State.ONLINE) r.ackTimeMs = nowMs;
    replicas.put(clientId, r);
    return r;
  }

  /** Removes a replica; returns true when it was the last one. */
  public boolean detach(long clientId) {
    return replicas.remove(clientId) != null && replicas.isEmpty();
  }

  public Replica get(long clientId) {
    return replicas.get(clientId);
  }

  public Collection<Replica> all() {
    return replicas.values();
  }

  public int size() {
    return replicas.size();
  }

  public void setState(long clientId, State state) {
    Replica r = replicas.get(clientId);
    if (r != null) r.state = state;
  }

  /**
   * The snapshot was delivered: the replica is online. With {@code waitForAck} (diskless form)
   * the stream to it starts only after its first ACK.
   */
  public void markOnline(long clientId, boolean waitForAck, long nowMs) {
    Replica r = replicas.get(clientId);
    if (r == null) return;
    r.state = State.ONLINE;
    r.ackTimeMs = nowMs;
    r.startStreamOnAck = waitForAck;
  }

  /**
   * {@code REPLCONF ACK <offset>} from {@code clientId}. Returns true when this ACK releases the
   * stream to a replica that was waiting for its first ACK after a diskless snapshot.
   */
  public boolean onAck(long clientId, long offset, long nowMs) {
    Replica r = replicas.get(clientId);
    if (r == null) return false;
    if (offset > r.ackOffset) r.ackOffset = offset;
    r.ackTimeMs = nowMs;
    if (r.startStreamOnAck && r.state == State.ONLINE) {
      r.startStreamOnAck = false;
      return true;
    }
    return false;
  }

  /** Online replicas whose acked offset is at least {@code offset}. */
  public int countAcked(long offset) {
    int n = 0;
    for (Replica r : replicas.values()) {
      if (r.state == State.ONLINE && r.ackOffset >= offset) n++;
    }
    return n;
  }

  /** Online replicas whose last ACK is at most {@code maxLagSeconds} old, counted now. */
  public int goodReplicas(long nowMs, long maxLagSeconds) {
    int n = 0;
    for (Replica r : replicas.values()) {
      if (r.state == State.ONLINE && nowMs / 1000 - r.ackTimeMs / 1000 <= maxLagSeconds) n++;
    }
    return n;
  }

  /** refreshGoodSlavesCount: recomputes the cached count (no-op when the check is off). */
  public void refreshGood(long nowMs, int minReplicasToWrite, long maxLagSeconds) {
    if (minReplicasToWrite == 0 || maxLagSeconds == 0) return;
    goodCount = goodReplicas(nowMs, maxLagSeconds);
  }

  /** The cached good-replica count (INFO min_slaves_good_slaves). */
  public int goodCount() { return goodCount; }

  /** True when writes are allowed under min-replicas-to-write / min-replicas-max-lag. */
  public boolean enoughGoodReplicas(int minReplicasToWrite, long maxLagSeconds) {
    return minReplicasToWrite == 0 || maxLagSeconds == 0 || goodCount >= minReplicasToWrite;
  }

  /** Online replicas, for ROLE. */
  public List<Replica> online() {
    List<Replica> out = new ArrayList<>();
    for (Replica r : replicas.values()) if (r.state == State.ONLINE) out.add(r);
    return out;
  }
}
