package io.kvstore.core.replication;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;

/**
 * Clients blocked in {@code WAIT numreplicas timeout} (Redis 7.0 {@code waitCommand},
 * {@code processClientsWaitingReplicas}).
 *
 * <ul>
 *   <li>The target is the client's last write offset. If enough online replicas already acked it,
 *       or the client is inside MULTI, WAIT answers at once with the count.
 *   <li>Otherwise the client blocks (newest first in the list) until enough acks arrive or the
 *       deadline passes ({@code timeout} ms after the call; 0 = forever; it fires once
 *       {@code now > deadline}), and is answered with the count reached then.
 *   <li>Blocking a client requests one {@code REPLCONF GETACK *} from the replicas, sent once
 *       per event-loop iteration however many clients blocked ({@link #takeGetAckRequest}).
 *   <li>Releases run newest-first and reuse the last satisfied (offset, count) for later waiters
 *       whose target and count are not larger, answering them with that count, exactly as Redis
 *       does.
 * </ul>
 */
public final class WaitTracker {

  /** WAIT answered now with {@code count}, or (count = -1) the client is blocked. */
  public record Outcome(boolean blocked, long count) {}

  /** A blocked client to answer with {@code count} and unblock. */
  public record Release(long clientId, long count) {}

  private record Waiter(long clientId, long targetOffset, long numReplicas, long deadlineMs) {}

  private final ReplicaAcks acks;
  private final LinkedList<Waiter> waiters = new LinkedList<>();
  private boolean getAckRequested;

  public WaitTracker(ReplicaAcks acks) {
    this.acks = acks;
  }

  /**
   * The WAIT command on a master: {@code targetOffset} is the client's last write offset,
   * {@code timeoutMs} the parsed timeout (0 = forever).
   */
  public Outcome wait(long clientId, long targetOffset, long numReplicas, long timeoutMs,
      boolean inMulti, long nowMs) {
    int count = acks.countAcked(targetOffset);
    if (count >= numReplicas || inMulti) return new Outcome(false, count);
    long deadline = timeoutMs > 0 ? nowMs + timeoutMs : 0;
    waiters.addFirst(new Waiter(clientId, targetOffset, numReplicas, deadline));
    getAckRequested = true;
    return new Outcome(true, -1);
  }

  /** An ACK arrived: records it and returns the waiters it releases. */
  public List<Release> onAck(long replicaClientId, long offset, long nowMs) {
    acks.onAck(replicaClientId, offset, nowMs);
    return process();
  }

  /** processClientsWaitingReplicas: every waiter that has enough acks now. */
  public List<Release> process() {
    List<Release> out = new ArrayList<>();
    long lastOffset = 0;
    long lastCount = 0;
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext();) {
      Waiter w = it.next();
      if (lastOffset != 0 && lastOffset >= w.targetOffset && lastCount >= w.numReplicas) {
        it.remove();
        out.add(new Release(w.clientId, lastCount));
        continue;
      }
      int count = acks.countAcked(w.targetOffset);
      if (count >= w.numReplicas) {
        lastOffset = w.targetOffset;
        lastCount = count;
        it.remove();
        out.add(new Release(w.clientId, count));
      }
    }
    return out;
  }

  /** Timeouts: waiters whose deadline passed, answered with the count reached. */
  public List<Release> tick(long nowMs) {
    List<Release> out = new ArrayList<>();
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext();) {
      Waiter w = it.next();
      if (w.deadlineMs != 0 && w.deadlineMs < nowMs) {
        it.remove();
        out.add(new Release(w.clientId, acks.countAcked(w.targetOffset)));
      }
    }
    return out;
  }

  /** The client disconnected or was unblocked otherwise. */
  public boolean cancel(long clientId) {
    return waiters.removeIf(w -> w.clientId == clientId);
  }

  /** All blocked clients answered with nothing (the master became a replica). */
  public List<Long> clear() {
    List<Long> ids = new ArrayList<>();
    for (Waiter w : waiters) ids.add(w.clientId);
    waiters.clear();
    return ids;
  }

  public int blockedCount() {
    return waiters.size();
  }

  /**
   * True once after any client blocked since the last call: feed one {@code REPLCONF GETACK *}
   * into the stream this event-loop iteration (after processing releases).
   */
  public boolean takeGetAckRequest() {
    boolean r = getAckRequested;
    getAckRequested = false;
    return r;
  }
}
