/**
 * Checkers for operation histories: linearizability of registers (Wing &amp; Gong's search with
 * Lowe's just-in-time linearization and state memoization, per key), and cheaper specialised
 * checks — lost or unexpected set elements, counter bounds, stale register reads.
 *
 * <p>All checkers share one reading of outcomes: an OK operation took effect between its
 * invocation and its completion; a FAIL operation never took effect; an INFO operation may have
 * taken effect at any time after its invocation, or never. A checker that cannot decide within its
 * budget says so ({@link io.kvstore.bench.check.Verdict#UNKNOWN}) instead of hanging.
 */
package io.kvstore.bench.check;
