/**
 * The RocksDB keyspace: {@link io.kvstore.persistence.RocksStore} implements the engine's
 * {@code Store} with three column families (data, expiry index, metadata), a write batch
 * serialized in Java with the pending values in a cache of decoded values, exact per-database
 * counters committed with the data, a write-back {@link io.kvstore.persistence.WriteJournal}
 * (commits are durable as one record each and applied to the database later, coalesced) with an
 * {@code appendfsync}-style WAL sync policy, checkpoints for snapshots, and
 * {@link io.kvstore.persistence.StoreSnapshot}, a consistent view readable from another thread
 * (the dataset of a full resync). {@link io.kvstore.persistence.DatasetStore} is the store a node
 * opens: the current RocksStore dataset plus {@link io.kvstore.persistence.DatasetLoad}, a
 * complete replacement built beside it (a replica's full resync) and switched to atomically
 * through a pointer file. RDB files are in {@code io.kvstore.persistence.rdb}.
 */
package io.kvstore.persistence;
