package io.kvstore.core.config;

import static io.kvstore.core.config.ConfigParam.bool;
import static io.kvstore.core.config.ConfigParam.enumeration;
import static io.kvstore.core.config.ConfigParam.integer;
import static io.kvstore.core.config.ConfigParam.memory;
import static io.kvstore.core.config.ConfigParam.string;

/** The parameters kvstore understands: Redis 7.0 names and defaults, plus kvstore's own keys. */
final class StandardParams {
  private StandardParams() {}

  static void registerAll(Config c) {
    long maxInt = Integer.MAX_VALUE;
    // server / network
    c.register(integer("port", 6379, 0, 65535, false));
    c.register(string("bind", "127.0.0.1", false));
    c.register(bool("protected-mode", true, true));
    c.register(integer("tcp-backlog", 511, 0, maxInt, false));
    c.register(integer("timeout", 0, 0, maxInt, true));
    c.register(integer("tcp-keepalive", 300, 0, maxInt, true));
    c.register(enumeration("daemonize", "no", false, "yes", "no"));
    c.register(string("pidfile", "", false));
    c.register(enumeration("loglevel", "notice", true, "debug", "verbose", "notice", "warning"));
    c.register(string("logfile", "", false));
    c.register(integer("databases", 16, 1, maxInt, false));
    c.register(integer("maxclients", 10000, 1, maxInt, true));
    c.register(integer("hz", 10, 1, 500, true));
    c.register(string("requirepass", "", true));
    c.register(memory("proto-max-bulk-len", 512L * 1024 * 1024, 1024 * 1024, Long.MAX_VALUE, true));
    c.register(memory("client-query-buffer-limit", 1024L * 1024 * 1024, 1024 * 1024, Long.MAX_VALUE, true));
    c.register(memory("maxmemory", 0, 0, Long.MAX_VALUE, true));
    c.register(enumeration("maxmemory-policy", "noeviction", true, "volatile-lru", "volatile-lfu",
        "volatile-random", "volatile-ttl", "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction"));
    c.register(bool("lazyfree-lazy-user-del", false, true));
    c.register(integer("active-expire-effort", 1, 1, 10, true));
    // persistence
    c.register(string("dir", "./data", true));
    c.register(string("dbfilename", "dump.rdb", true));
    c.register(string("save", "3600 1 300 100 60 10000", true));
    c.register(bool("appendonly", true, true));
    c.register(enumeration("appendfsync", "everysec", true, "always", "everysec", "no"));
    // replication (used by the async mode; defaults as Redis 7.0)
    c.register(string("replicaof", "", false).alias("slaveof"));
    c.register(string("masterauth", "", true));
    c.register(string("masteruser", "", true));
    c.register(bool("replica-read-only", true, true).alias("slave-read-only"));
    c.register(bool("replica-serve-stale-data", true, true).alias("slave-serve-stale-data"));
    c.register(integer("replica-priority", 100, 0, maxInt, true).alias("slave-priority"));
    c.register(string("replica-announce-ip", "", true).alias("slave-announce-ip"));
    c.register(integer("replica-announce-port", 0, 0, 65535, true).alias("slave-announce-port"));
    c.register(bool("replica-announced", true, true));
    c.register(memory("repl-backlog-size", 1024 * 1024, 1, Long.MAX_VALUE, true));
    c.register(integer("repl-backlog-ttl", 3600, 0, maxInt, true));
    c.register(integer("repl-timeout", 60, 1, maxInt, true));
    c.register(integer("repl-ping-replica-period", 10, 1, maxInt, true).alias("repl-ping-slave-period"));
    c.register(bool("repl-diskless-sync", true, true));
    c.register(integer("repl-diskless-sync-delay", 5, 0, maxInt, true));
    c.register(enumeration("repl-diskless-load", "disabled", true, "disabled", "on-empty-db", "swapdb"));
    c.register(integer("min-replicas-to-write", 0, 0, maxInt, true).alias("min-slaves-to-write"));
    c.register(integer("min-replicas-max-lag", 10, 0, maxInt, true).alias("min-slaves-max-lag"));
    c.register(string("client-output-buffer-limit",
        "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60", true));
    // kvstore's own keys
    c.register(enumeration("replication-mode", "async", false, "async", "raft"));
    c.register(integer("grpc-port", 7379, 0, 65535, false));
    c.register(string("raft-peers", "", false));
    c.register(string("raft-id", "", false));
  }
}
