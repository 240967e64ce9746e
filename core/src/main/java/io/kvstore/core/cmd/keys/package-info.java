/**
 * The generic keyspace commands (DEL, EXISTS, TYPE, the EXPIRE family, TTL, SCAN, KEYS, RENAME,
 * COPY, MOVE, ...) and the database-level ones (SELECT, DBSIZE, FLUSHDB, FLUSHALL, SWAPDB), with
 * Redis 7.0 replies, error texts and propagation: a command records an effect only when it
 * changed something, except FLUSHDB/FLUSHALL/SWAPDB which always propagate, as in Redis.
 */
package io.kvstore.core.cmd.keys;
