/**
 * The operation history of a consistency run: one {@link io.kvstore.bench.history.Op} per client
 * operation (who, what, on which key, when it was meant to start, when it finished and how it
 * ended), and a streaming JSON-lines format to store it.
 *
 * <p>Outcomes follow the Jepsen convention: {@code ok} (applied, with its result), {@code fail}
 * (definitely not applied, nothing observed) and {@code info} (outcome unknown: the request may
 * take effect at any time after its invocation, or never). The invoke time is the intended start
 * of the operation, so latencies computed from it are free of coordinated omission.
 */
package io.kvstore.bench.history;
