/**
 * The RocksDB keyspace: {@link io.kvstore.persistence.RocksStore} implements the engine's
 * {@code Store} with three column families (data, expiry index, metadata), a write batch with an
 * index so uncommitted writes are readable, exact per-database counters committed with the data,
 * an {@code appendfsync}-style WAL sync policy, checkpoints for snapshots, and
 * {@link io.kvstore.persistence.StoreSnapshot}, a consistent view readable from another thread
 * (the dataset of a full resync). RDB files are in {@code io.kvstore.persistence.rdb}.
 */
package io.kvstore.persistence;
