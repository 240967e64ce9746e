/**
 * The Sentinel process: the pure state machine of {@code io.kvstore.core.sentinel} driven by a
 * single Netty event loop that also serves the sentinel's own RESP clients (SENTINEL commands,
 * pub/sub of events) and holds the outgoing links to the monitored instances.
 */
package io.kvstore.sentinel;
