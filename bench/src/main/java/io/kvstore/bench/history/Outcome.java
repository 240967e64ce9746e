package io.kvstore.bench.history;

import java.util.Locale;

/**
 * How an operation ended. OK: it took effect (its result was observed). FAIL: it definitely did
 * not take effect and observed nothing (refused, e.g. READONLY or NOREPLICAS before execution).
 * INFO: unknown (timed out or connection lost after sending): it may take effect at any time
 * after its invocation, or never.
 */
public enum Outcome {
    OK, FAIL, INFO;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Outcome fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
