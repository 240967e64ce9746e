/**
 * The kvstore node process: {@link io.kvstore.server.KvstoreServer} composes a node from its
 * configuration (RocksDB store, engine, engine loop, RESP and gRPC listeners, lifecycle) and
 * {@link io.kvstore.server.ServerLog} writes Redis-style log lines.
 */
package io.kvstore.server;
