/**
 * The raft mode: kvstore nodes form an Apache Ratis group; every write is a log entry
 * acknowledged once a majority has it, and every node applies the entries in log order through
 * the same command engine, at the entry's timestamp. Reads are linearizable (a barrier entry per
 * round of reads) unless a client opts into lease or stale local reads; the leader alone expires
 * keys, through the log.
 *
 * <p>Entry point: {@link io.kvstore.raft.RaftNode}. The engine hands client commands to
 * {@link io.kvstore.raft.RaftBackend} (a {@code CommandBackend}); {@link io.kvstore.raft.KvStateMachine}
 * applies entries with {@link io.kvstore.raft.Applier}; snapshots are RocksDB checkpoints
 * ({@link io.kvstore.raft.CheckpointStorage}).
 */
package io.kvstore.raft;
