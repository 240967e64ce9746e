package io.kvstore.bench.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers over a list of operations. */
public final class History {
    private History() {
    }

    /** The operations of each key, in history order, keys in order of first appearance. */
    public static Map<String, List<Op>> byKey(List<Op> ops) {
        Map<String, List<Op>> out = new LinkedHashMap<>();
        for (Op op : ops) {
            out.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
        }
        return out;
    }
}
