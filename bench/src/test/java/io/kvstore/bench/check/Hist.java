package io.kvstore.bench.check;

import io.kvstore.bench.history.Op;
import io.kvstore.bench.history.OpType;
import java.util.ArrayList;
import java.util.List;

/** A tiny builder for hand-written histories: each call adds one finished operation. */
final class Hist {
    private final List<Op> ops = new ArrayList<>();

    private Op next(int p, OpType type, String key, String value, long t0) {
        return Op.invoke(ops.size(), p, type, key, value, t0);
    }

    private Hist add(Op op) {
        ops.add(op);
        return this;
    }

    Hist write(int p, String key, String v, long t0, long t1) {
        return add(next(p, OpType.WRITE, key, v, t0).ok(t1, null));
    }

    Hist writeUnknown(int p, String key, String v, long t0, long gaveUpAt) {
        return add(next(p, OpType.WRITE, key, v, t0).info(gaveUpAt, "timed out"));
    }

    Hist writeFailed(int p, String key, String v, long t0, long t1) {
        return add(next(p, OpType.WRITE, key, v, t0).fail(t1, "NOREPLICAS Not enough good replicas to write."));
    }

    Hist read(int p, String key, String result, long t0, long t1) {
        return add(next(p, OpType.READ, key, null, t0).ok(t1, result));
    }

    Hist readFailed(int p, String key, long t0, long t1) {
        return add(next(p, OpType.READ, key, null, t0).fail(t1, "timed out"));
    }

    Hist cas(int p, String key, String from, String to, boolean applied, long t0, long t1) {
        return add(Op.invokeCas(ops.size(), p, key, from, to, t0).ok(t1, applied ? Op.CAS_APPLIED : Op.CAS_MISMATCH));
    }

    Hist casUnknown(int p, String key, String from, String to, long t0) {
        return add(Op.invokeCas(ops.size(), p, key, from, to, t0).info(t0 + 1, "timed out"));
    }

    Hist incr(int p, String key, long delta, Long result, long t0, long t1) {
        return add(next(p, OpType.INCR, key, Long.toString(delta), t0).ok(t1, result == null ? null : result.toString()));
    }

    Hist incrUnknown(int p, String key, long delta, long t0) {
        return add(next(p, OpType.INCR, key, Long.toString(delta), t0).info(t0 + 1, "connection lost"));
    }

    Hist incrFailed(int p, String key, long delta, long t0, long t1) {
        return add(next(p, OpType.INCR, key, Long.toString(delta), t0).fail(t1, "READONLY"));
    }

    Hist add(int p, String key, String element, long t0, long t1) {
        return add(next(p, OpType.ADD, key, element, t0).ok(t1, null));
    }

    Hist addUnknown(int p, String key, String element, long t0) {
        return add(next(p, OpType.ADD, key, element, t0).info(t0 + 1, "timed out"));
    }

    Hist addFailed(int p, String key, String element, long t0, long t1) {
        return add(next(p, OpType.ADD, key, element, t0).fail(t1, "READONLY"));
    }

    Hist readSet(int p, String key, List<String> elements, long t0, long t1) {
        return add(next(p, OpType.READ, key, null, t0).okValues(t1, elements));
    }

    Hist op(Op op) {
        return add(op);
    }

    List<Op> ops() {
        return List.copyOf(ops);
    }
}
