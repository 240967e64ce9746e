package io.kvstore.bench.history;

import java.util.List;
import java.util.Objects;

/**
 * One client operation of a history, written once it has ended (or been given up on).
 *
 * <p>{@code invokeNs} is when the operation was meant to start (its scheduled time, which may be
 * earlier than when it was actually sent), {@code completeNs} when its reply arrived or the client
 * gave up; both on one monotonic clock. For an INFO operation the checkers ignore
 * {@code completeNs}: the operation may take effect at any later time.
 *
 * <p>Arguments: {@code value} is the written value, appended suffix, INCR delta or added element;
 * {@code expected} is a CAS's compared value (null = absent). Results: {@code result} is what a
 * READ returned (null = absent), a CAS's {@link #CAS_APPLIED} or {@link #CAS_MISMATCH} (a
 * mismatch is an observation, so it is OK, not FAIL), an INCR's new count; {@code values} holds
 * the elements of a set READ. {@code error} is free text: why a FAIL/INFO ended so, or a note.
 */
public record Op(long index, int process, OpType type, String key, String value, String expected,
                 long invokeNs, long completeNs, Outcome outcome, String result, List<String> values,
                 String error) {

    /** Result of a CAS that compared equal and wrote. */
    public static final String CAS_APPLIED = "true";
    /** Result of a CAS that compared unequal and changed nothing. */
    public static final String CAS_MISMATCH = "false";

    public Op {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(outcome, "outcome");
        values = values == null ? null : List.copyOf(nullSafe(values));
    }

    private static List<String> nullSafe(List<String> values) {
        for (String v : values) {
            if (v == null) {
                throw new IllegalArgumentException("set values cannot be null");
            }
        }
        return values;
    }

    /** An operation just invoked; its outcome is INFO until {@link #ok}/{@link #fail} is applied. */
    public static Op invoke(long index, int process, OpType type, String key, String value, long invokeNs) {
        return new Op(index, process, type, key, value, null, invokeNs, invokeNs, Outcome.INFO, null, null, null);
    }

    /** A CAS just invoked: set {@code value} if the register holds {@code expected}. */
    public static Op invokeCas(long index, int process, String key, String expected, String value, long invokeNs) {
        return new Op(index, process, OpType.CAS, key, value, expected, invokeNs, invokeNs, Outcome.INFO, null, null,
                null);
    }

    public Op ok(long completeNs, String result) {
        return new Op(index, process, type, key, value, expected, invokeNs, completeNs, Outcome.OK, result, null, null);
    }

    /** OK with a multi-valued result (a set READ). */
    public Op okValues(long completeNs, List<String> elements) {
        return new Op(index, process, type, key, value, expected, invokeNs, completeNs, Outcome.OK, null, elements,
                null);
    }

    public Op fail(long completeNs, String why) {
        return new Op(index, process, type, key, value, expected, invokeNs, completeNs, Outcome.FAIL, null, null, why);
    }

    public Op info(long completeNs, String why) {
        return new Op(index, process, type, key, value, expected, invokeNs, completeNs, Outcome.INFO, null, null, why);
    }

    public boolean isOk() {
        return outcome == Outcome.OK;
    }

    public boolean isFail() {
        return outcome == Outcome.FAIL;
    }

    public boolean isInfo() {
        return outcome == Outcome.INFO;
    }

    /** True for an OK CAS that wrote (a missing result counts as applied). */
    public boolean casApplied() {
        return type == OpType.CAS && outcome == Outcome.OK && !CAS_MISMATCH.equals(result);
    }

    /** Latency from the intended start, meaningful for OK and FAIL operations. */
    public long latencyNs() {
        return completeNs - invokeNs;
    }

    /** Compact human form for reports, e.g. {@code #12 p3 cas k [1 -> 2] ok true}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append('#').append(index).append(" p").append(process).append(' ').append(type.wireName());
        sb.append(' ').append(key);
        if (type == OpType.CAS) {
            sb.append(" [").append(show(expected)).append(" -> ").append(show(value)).append(']');
        } else if (type != OpType.READ && type != OpType.DELETE) {
            sb.append(' ').append(show(value));
        }
        sb.append(' ').append(outcome.wireName());
        if (outcome == Outcome.OK) {
            if (values != null) {
                sb.append(' ').append(values.size()).append(" elements");
            } else if (type == OpType.READ || type == OpType.CAS || type == OpType.INCR) {
                sb.append(' ').append(show(result));
            }
        }
        if (error != null) {
            sb.append(" (").append(error).append(')');
        }
        return sb.toString();
    }

    private static String show(String v) {
        return v == null ? "nil" : '"' + v + '"';
    }
}
