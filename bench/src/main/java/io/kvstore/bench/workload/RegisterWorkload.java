package io.kvstore.bench.workload;

import io.kvstore.bench.client.Request;
import io.kvstore.bench.history.Op;
import io.kvstore.bench.history.OpType;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads, writes and compare-and-sets on a few registers at a time, every written value unique
 * (so a read names the write it saw). Each register gets at most {@code opsPerKey} operations
 * and is then retired for a fresh one, Jepsen's independent keys: it keeps every key's history
 * small enough for the linearizability search. A CAS expects the value its worker last saw on
 * that key, so it often succeeds and sometimes races.
 */
public final class RegisterWorkload implements Workload {
  /** History keys of this workload start with this prefix. */
  public static final String PREFIX = "r";

  private final int activeKeys;
  private final int opsPerKey;
  private final AtomicLong ops = new AtomicLong();
  private final AtomicLong values = new AtomicLong();

  public RegisterWorkload(int activeKeys, int opsPerKey) {
    this.activeKeys = activeKeys;
    this.opsPerKey = opsPerKey;
  }

  @Override
  public String name() {
    return "register";
  }

  public static boolean owns(String key) {
    return key.startsWith(PREFIX) && key.indexOf(':') > 0 && Character.isDigit(key.charAt(1));
  }

  @Override
  public Request next(SplittableRandom rng, Memory memory) {
    long n = ops.getAndIncrement();
    long generation = n / ((long) activeKeys * opsPerKey);
    String key = PREFIX + generation + ":" + (n % activeKeys);
    int dice = rng.nextInt(10);
    if (dice < 4) {
      return new Request(Request.Family.REGISTER, OpType.READ, key, key, null, null);
    }
    String value = "v" + values.incrementAndGet();
    if (dice < 7) {
      return new Request(Request.Family.REGISTER, OpType.WRITE, key, key, value, null);
    }
    return new Request(Request.Family.REGISTER, OpType.CAS, key, key, value, memory.lastSeen(key));
  }

  @Override
  public void observe(Op op, Memory memory) {
    if (!op.isOk() || !owns(op.key())) {
      return;
    }
    switch (op.type()) {
      case READ -> memory.saw(op.key(), op.result());
      case WRITE -> memory.saw(op.key(), op.value());
      case CAS -> {
        if (op.casApplied()) {
          memory.saw(op.key(), op.value());
        }
      }
      default -> {
      }
    }
  }
}
