/**
 * The RocksDB keyspace: {@link io.kvstore.persistence.RocksStore} implements the engine's
 * {@code Store} with three column families (data, expiry index, metadata), a write batch with an
 * index so uncommitted writes are readable, exact per-database counters committed with the data,
 * an {@code appendfsync}-style WAL sync policy, and checkpoints for snapshots.
 */
package io.kvstore.persistence;
