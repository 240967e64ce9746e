/**
 * Async replication on the network, Redis 7.0's master/replica model: the master side (REPLCONF,
 * PSYNC/SYNC, full resyncs streamed from a point-in-time store snapshot while writes go on,
 * feeding the stream and the backlog, ACKs, WAIT, min-replicas, output-buffer limits) and the
 * replica side (handshake, snapshot load beside the live dataset, stream apply, ACKs, chained
 * replicas), composed by {@link io.kvstore.replication.Replication}.
 *
 * <p>The protocol decisions themselves (ids, offsets, backlog, PSYNC answer, handshake states,
 * snapshot framing, WAIT bookkeeping, INFO/ROLE views) are the pure models of
 * {@code io.kvstore.core.replication}; this package moves their bytes.
 *
 * <p>A node with persistence opens its store, with the data and the replication metadata
 * committed alongside it, before it starts listening: a restarted master has its dataset and
 * history back before any replica can reach it, and lets its replicas continue partially; a
 * restarted replica PSYNCs from exactly the offset its data reflects.
 */
package io.kvstore.replication;
