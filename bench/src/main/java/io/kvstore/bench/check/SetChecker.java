package io.kvstore.bench.check;

import io.kvstore.bench.history.Op;
import io.kvstore.bench.history.OpType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a set workload on one key: ADDs of unique elements, then a final READ of the whole set.
 * The final read is the OK READ that completed last. Judged against it:
 * <ul>
 * <li>lost: an add acknowledged before the final read began whose element is missing;</li>
 * <li>unexpected: an element no add ever attempted;</li>
 * <li>resurrected: an element whose every add FAILED (definitely not applied) yet is present;</li>
 * <li>recovered (fine): an element of an unknown-outcome add that is present.</li>
 * </ul>
 * Adds still running when the final read began may be present or not.
 */
public final class SetChecker {
    /** What the final read showed; {@code ok()} means nothing lost, unexpected or resurrected. */
    public record Result(String key, boolean hasFinalRead, int acknowledged, int unknown, int failed,
                         Set<String> lost, Set<String> unexpected, Set<String> resurrected, Set<String> recovered,
                         Op finalRead) {
        public boolean ok() {
            return hasFinalRead && lost.isEmpty() && unexpected.isEmpty() && resurrected.isEmpty();
        }

        public String summary() {
            if (!hasFinalRead) {
                return "set " + key + ": no final read, nothing decided";
            }
            return "set " + key + ": " + acknowledged + " acknowledged adds, " + lost.size() + " lost, "
                    + unexpected.size() + " unexpected, " + resurrected.size() + " present after a failed add, "
                    + recovered.size() + " of " + unknown + " unknown adds present";
        }
    }

    private SetChecker() {
    }

    /** Checks one key's operations. */
    public static Result check(String key, List<Op> ops) {
        Op finalRead = null;
        for (Op op : ops) {
            if (op.type() == OpType.READ && op.isOk()
                    && (finalRead == null || op.completeNs() > finalRead.completeNs())) {
                finalRead = op;
            }
        }
        Map<String, List<Op>> adds = new HashMap<>();
        int acked = 0;
        int unknown = 0;
        int failed = 0;
        for (Op op : ops) {
            if (op.type() != OpType.ADD) {
                continue;
            }
            adds.computeIfAbsent(op.value(), v -> new ArrayList<>()).add(op);
            switch (op.outcome()) {
                case OK -> acked++;
                case INFO -> unknown++;
                default -> failed++;
            }
        }
        if (finalRead == null) {
            return new Result(key, false, acked, unknown, failed, Set.of(), Set.of(), Set.of(), Set.of(), null);
        }
        Set<String> seen = new HashSet<>(finalRead.values() == null ? List.of() : finalRead.values());
        Set<String> lost = new TreeSet<>();
        Set<String> unexpected = new TreeSet<>();
        Set<String> resurrected = new TreeSet<>();
        Set<String> recovered = new TreeSet<>();
        for (Map.Entry<String, List<Op>> e : adds.entrySet()) {
            boolean present = seen.contains(e.getKey());
            boolean mustBePresent = false;
            boolean anyMaybe = false;
            boolean anyUnknown = false;
            for (Op add : e.getValue()) {
                if (add.isOk()) {
                    anyMaybe = true;
                    mustBePresent |= add.completeNs() < finalRead.invokeNs();
                } else if (add.isInfo()) {
                    anyMaybe = true;
                    anyUnknown = true;
                }
            }
            if (mustBePresent && !present) {
                lost.add(e.getKey());
            } else if (present && !anyMaybe) {
                resurrected.add(e.getKey());
            } else if (present && anyUnknown && !mustBePresent) {
                recovered.add(e.getKey());
            }
        }
        for (String v : seen) {
            if (!adds.containsKey(v)) {
                unexpected.add(v);
            }
        }
        return new Result(key, true, acked, unknown, failed, lost, unexpected, resurrected, recovered, finalRead);
    }
}
