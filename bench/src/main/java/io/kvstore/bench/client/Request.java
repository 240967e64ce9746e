package io.kvstore.bench.client;

import io.kvstore.bench.history.OpType;

/**
 * One operation a workload asks for, before it runs. {@code key} is the history's key (the
 * object the checkers judge); {@code redisKey} is what is sent (for a set ADD, the element's own
 * key; for a set READ, the pattern of all elements).
 */
public record Request(Family family, OpType type, String key, String redisKey, String value, String expected) {
  /** Which kind of object the request acts on, which decides the Redis commands used. */
  public enum Family {
    /** GET / SET / CAS (WATCH, GET, MULTI, SET, EXEC) on a string. */
    REGISTER,
    /** A set of unique keys: ADD is SET of the element's key, READ is KEYS of the pattern. */
    SET,
    /** INCR / GET on a counter. */
    COUNTER,
    /** Throughput: GET / SET on a string; not recorded in the history. */
    KV
  }

  public boolean isWrite() {
    return type != OpType.READ;
  }
}
