package io.kvstore.bench.check;

import io.kvstore.bench.history.Op;
import io.kvstore.bench.history.OpType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A string register with READ, WRITE, DELETE, APPEND and CAS; values are opaque strings and null
 * means absent (the initial state). APPEND to an absent register creates it; an OK APPEND whose
 * result is set must report the new length (as Redis's APPEND does). An OK CAS either applied
 * (the register held {@code expected}) or reports a mismatch (it held something else).
 *
 * <p>States are hash-consed per search ({@link #fresh()}), so the memo compares them by identity:
 * a value up to {@value #FLAT_LIMIT} characters is one canonical node per distinct string; a
 * longer value built by appends is a chain of (previous state, suffix) nodes, canonical per
 * pair. Long append histories thus share structure instead of copying kilobytes per search step.
 * Two chains spelling the same text by different splits stay distinct states, which only costs
 * the search a missed merge, never a wrong answer; reads and CAS compare real contents.
 */
public final class RegisterModel implements Model<RegisterModel.State> {
    static final int FLAT_LIMIT = 64;

    /** A canonical register value; compare with {@code ==} within one search. */
    public static final class State {
        private final State parent;
        private final String text;
        private final int length;
        private final int id;

        private State(State parent, String text, int length, int id) {
            this.parent = parent;
            this.text = text;
            this.length = length;
            this.id = id;
        }

        public boolean isAbsent() {
            return text == null;
        }

        /** The register's value (null = absent), materialized. */
        public String value() {
            if (parent == null) {
                return text;
            }
            StringBuilder sb = new StringBuilder(length);
            append(sb, this);
            return sb.toString();
        }

        private static void append(StringBuilder sb, State s) {
            if (s.parent != null) {
                append(sb, s.parent);
                sb.append(s.text);
            } else if (s.text != null) {
                sb.append(s.text);
            }
        }

        /** Whether the value equals {@code v} (null = absent). */
        public boolean holds(String v) {
            if (v == null || text == null) {
                return v == null && text == null;
            }
            if (v.length() != length) {
                return false;
            }
            int end = length;
            State s = this;
            while (s.parent != null) {
                int from = end - s.text.length();
                if (!v.regionMatches(from, s.text, 0, s.text.length())) {
                    return false;
                }
                end = from;
                s = s.parent;
            }
            return v.regionMatches(0, s.text, 0, end);
        }

        @Override
        public int hashCode() {
            return id;
        }

        @Override
        public String toString() {
            String v = value();
            return v == null ? "nil" : '"' + v + '"';
        }
    }

    private record Link(State parent, String suffix) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Link l && l.parent == parent && l.suffix.equals(suffix);
        }

        @Override
        public int hashCode() {
            return parent.id * 31 + suffix.hashCode();
        }
    }

    private final State absent = new State(null, null, 0, 0);
    private final Map<String, State> flat = new HashMap<>();
    private final Map<Link, State> links = new HashMap<>();
    private int nextId = 1;

    /** A model with its own state table, for one search. */
    @Override
    public RegisterModel fresh() {
        return new RegisterModel();
    }

    @Override
    public State init() {
        return absent;
    }

    /** Settles unknown writes that were observed or that nothing could observe ({@link RegisterSimplifier}). */
    @Override
    public List<Op> simplify(List<Op> ops) {
        return RegisterSimplifier.simplify(ops);
    }

    @Override
    public boolean isReadOnly(Op op) {
        return op.type() == OpType.READ;
    }

    @Override
    public State step(State state, Op op) {
        boolean known = op.isOk();
        switch (op.type()) {
            case READ:
                return !known || state.holds(op.result()) ? state : null;
            case WRITE:
                return of(op.value());
            case DELETE:
                return absent;
            case APPEND: {
                State next = append(state, op.value() == null ? "" : op.value());
                if (known && op.result() != null && !op.result().equals(Integer.toString(next.length))) {
                    return null;
                }
                return next;
            }
            case CAS: {
                boolean matches = state.holds(op.expected());
                if (!known) {
                    return matches ? of(op.value()) : state;
                }
                if (Op.CAS_MISMATCH.equals(op.result())) {
                    return matches ? null : state;
                }
                return matches ? of(op.value()) : null;
            }
            default:
                throw new IllegalArgumentException("a register has no " + op.type().wireName() + " operation");
        }
    }

    private State of(String v) {
        if (v == null) {
            return absent;
        }
        return flat.computeIfAbsent(v, s -> new State(null, s, s.length(), nextId++));
    }

    private State append(State s, String suffix) {
        if (s.isAbsent()) {
            return of(suffix);
        }
        if (suffix.isEmpty()) {
            return s;
        }
        if (s.parent == null && s.length + suffix.length() <= FLAT_LIMIT) {
            return of(s.text + suffix);
        }
        return links.computeIfAbsent(new Link(s, suffix), l -> new State(s, suffix, s.length + suffix.length(), nextId++));
    }
}
