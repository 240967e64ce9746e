package io.kvstore.bench.check;

import io.kvstore.bench.history.Op;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Why a key's history is not linearizable, as far as the search got: the longest sequence of
 * operations it could linearize ({@code linearized}, in linearization order), the register state
 * after it, the operation whose completion came next but that could not be placed
 * ({@code blocked}), and the other operations still open at that point ({@code concurrent}).
 */
public record Violation(String key, List<Op> linearized, String stateAfter, Op blocked, List<Op> concurrent) {
    public Violation {
        linearized = List.copyOf(linearized);
        concurrent = List.copyOf(concurrent);
    }

    /**
     * The operations around the failing point, by invocation time: the last {@code tail}
     * linearized operations, the open ones and the blocked one.
     */
    public List<Op> window(int tail) {
        List<Op> out = new ArrayList<>(linearized.subList(Math.max(0, linearized.size() - tail), linearized.size()));
        out.addAll(concurrent);
        out.add(blocked);
        out.sort(Comparator.comparingLong(Op::invokeNs).thenComparingLong(Op::index));
        return out;
    }

    /** A few lines for a report. */
    public String render(int tail) {
        StringBuilder sb = new StringBuilder();
        sb.append("key ").append(key).append(": ").append(linearized.size())
                .append(" operations linearize, then the state is ").append(stateAfter)
                .append(" and this operation cannot take effect:\n  ").append(blocked.describe()).append('\n');
        int from = Math.max(0, linearized.size() - tail);
        sb.append("last linearized").append(from > 0 ? " (" + from + " earlier omitted)" : "").append(":\n");
        for (Op op : linearized.subList(from, linearized.size())) {
            sb.append("  ").append(op.describe()).append('\n');
        }
        if (!concurrent.isEmpty()) {
            sb.append("still open:\n");
            for (Op op : concurrent) {
                sb.append("  ").append(op.describe()).append('\n');
            }
        }
        return sb.toString();
    }
}
