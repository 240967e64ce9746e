package io.kvstore.bench.check;

import io.kvstore.bench.history.Op;
import io.kvstore.bench.history.OpType;
import io.kvstore.bench.history.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Makes unknown-outcome register writes cheap for the search, without changing its answer.
 *
 * <p>An unknown write (WRITE, DELETE or CAS of unknown outcome) stays a candidate for the rest of
 * the history, so every such write multiplies the configurations the search must refute. Two
 * cases are decided up front:
 * <ul>
 * <li><b>Observed</b>: its value v is not null, no other operation can write v, and some OK
 * operation saw v (a READ returning v, an applied CAS expecting v). Then it certainly took effect,
 * before the first such observer completed: it becomes an OK operation completing then (a CAS:
 * applied).</li>
 * <li><b>Unobserved</b>: nothing could have seen v (no READ returned it, no CAS expected it) and
 * no CAS that reported a mismatch completed after it was invoked. Then any legal order that
 * contains it stays legal without it (until the next write, the operations that could tell would
 * be reads or CASes of v, or a mismatching CAS; an unknown CAS that did not apply is dropped
 * along), so it is dropped: "never happened" explains the history whenever "happened" does.</li>
 * </ul>
 * Histories with APPEND are left alone (a suffix is not a value).
 */
final class RegisterSimplifier {
    private RegisterSimplifier() {
    }

    static List<Op> simplify(List<Op> ops) {
        Map<String, Integer> writers = new HashMap<>();
        Map<String, Long> firstSeenDone = new HashMap<>();
        Map<String, Boolean> mentioned = new HashMap<>();
        long lastMismatchDone = Long.MIN_VALUE;
        for (Op op : ops) {
            switch (op.type()) {
                case APPEND:
                    return ops;
                case READ:
                    if (op.isOk()) {
                        seen(firstSeenDone, op.result(), op.completeNs());
                        mentioned.put(key(op.result()), Boolean.TRUE);
                    }
                    break;
                case CAS:
                    mentioned.put(key(op.expected()), Boolean.TRUE);
                    if (op.isOk() && Op.CAS_MISMATCH.equals(op.result())) {
                        lastMismatchDone = Math.max(lastMismatchDone, op.completeNs());
                        break;
                    }
                    if (op.isOk()) {
                        seen(firstSeenDone, op.expected(), op.completeNs());
                    }
                    writers.merge(key(op.value()), 1, Integer::sum);
                    break;
                case WRITE:
                    writers.merge(key(op.value()), 1, Integer::sum);
                    break;
                case DELETE:
                    writers.merge(key(null), 1, Integer::sum);
                    break;
                default:
                    return ops;
            }
        }
        List<Op> out = new ArrayList<>(ops.size());
        for (Op op : ops) {
            boolean writes = op.type() == OpType.WRITE || op.type() == OpType.CAS || op.type() == OpType.DELETE;
            if (!op.isInfo() || !writes) {
                out.add(op);
                continue;
            }
            String v = op.type() == OpType.DELETE ? null : op.value();
            Long seenBy = v == null ? null : firstSeenDone.get(v);
            boolean selfMention = op.type() == OpType.CAS && Objects.equals(op.expected(), v);
            if (seenBy != null && writers.get(key(v)) == 1 && !selfMention && seenBy >= op.invokeNs()) {
                out.add(new Op(op.index(), op.process(), op.type(), op.key(), op.value(), op.expected(), op.invokeNs(),
                        seenBy, Outcome.OK, op.type() == OpType.CAS ? Op.CAS_APPLIED : null,
                        null, "outcome unknown; its value was observed"));
            } else if (lastMismatchDone < op.invokeNs() && !mentioned.containsKey(key(v))) {
                continue;
            } else {
                out.add(op);
            }
        }
        return out;
    }

    private static void seen(Map<String, Long> firstSeenDone, String v, long completeNs) {
        if (v != null) {
            firstSeenDone.merge(v, completeNs, Math::min);
        }
    }

    /** Map key for a value, null included. */
    private static String key(String v) {
        return v == null ? "\0absent" : "=" + v;
    }
}
