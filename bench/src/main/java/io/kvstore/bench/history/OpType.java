package io.kvstore.bench.history;

import java.util.Locale;

/**
 * What an operation does. The checkers give each type its meaning: on a register, READ returns
 * the value (null = absent), WRITE sets it, CAS sets {@code value} if the current value equals
 * {@code expected}, APPEND concatenates, DELETE removes; on a counter INCR adds {@code value} (a
 * decimal delta) and returns the new count; on a set ADD inserts {@code value} and READ returns
 * all elements in {@code values}.
 */
public enum OpType {
    READ, WRITE, CAS, APPEND, DELETE, INCR, ADD;

    /** The stable lower-case name used in history files. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OpType fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
