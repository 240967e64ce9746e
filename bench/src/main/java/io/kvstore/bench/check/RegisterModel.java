package io.kvstore.bench.check;

import io.kvstore.bench.history.Op;
import io.kvstore.bench.history.OpType;
import java.util.Objects;

/**
 * A string register with READ, WRITE, DELETE, APPEND and CAS; values are opaque strings and null
 * means absent (the initial state). APPEND to an absent register creates it; an OK APPEND whose
 * result is set must report the new length (as Redis's APPEND does). An OK CAS either applied
 * (the register held {@code expected}) or reports a mismatch (it held something else).
 */
public final class RegisterModel implements Model<RegisterModel.State> {
    /** The register's value; null = absent. */
    public record State(String value) {
        @Override
        public String toString() {
            return value == null ? "nil" : '"' + value + '"';
        }
    }

    private static final State ABSENT = new State(null);

    @Override
    public State init() {
        return ABSENT;
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
                return !known || Objects.equals(state.value, op.result()) ? state : null;
            case WRITE:
                return Objects.equals(state.value, op.value()) ? state : new State(op.value());
            case DELETE:
                return ABSENT;
            case APPEND: {
                String next = (state.value == null ? "" : state.value) + (op.value() == null ? "" : op.value());
                if (known && op.result() != null && !op.result().equals(Integer.toString(next.length()))) {
                    return null;
                }
                return new State(next);
            }
            case CAS: {
                boolean matches = Objects.equals(state.value, op.expected());
                if (!known) {
                    return matches ? new State(op.value()) : state;
                }
                if (Op.CAS_MISMATCH.equals(op.result())) {
                    return matches ? null : state;
                }
                return matches ? new State(op.value()) : null;
            }
            default:
                throw new IllegalArgumentException("a register has no " + op.type().wireName() + " operation");
        }
    }
}
