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
    c.register(bool("daemonize", false, false));
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
    c.register(enumeration("appendfsync", "everysec", true, "everysec", "always", "no"));
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
    // raft mode (with raft-peers and raft-id below): reads, follower writes, timeouts, storage
    c.register(enumeration("raft-read-mode", "linearizable", false, "linearizable", "lease"));
    c.register(enumeration("raft-follower-writes", "forward", true, "forward", "redirect"));
    c.register(integer("raft-timeout", 5000, 100, Integer.MAX_VALUE, true));
    c.register(integer("raft-election-timeout", 1000, 50, 60000, false));
    c.register(string("raft-dir", "", false));
    c.register(bool("raft-join", false, false));
    c.register(integer("raft-snapshot-entries", 100000, 100, Long.MAX_VALUE, false));
    // kvstore's own keys
    c.register(enumeration("replication-mode", "async", false, "async", "raft"));
    c.register(integer("grpc-port", 7379, 0, 65535, false));
    c.register(string("raft-peers", "", false));
    c.register(string("raft-id", "", false));
    // size of the persistent store's in-memory cache of decoded values (0 = off)
    c.register(memory("kvstore-cache-size", 128L << 20, 0, Long.MAX_VALUE, true));
    registerAccepted(c);
  }

  /**
   * Redis 7.0 parameters kvstore accepts (so a stock redis.conf loads and CONFIG GET/SET answer
   * like Redis) but that change nothing here: encodings, AOF/RDB file tuning, slowlog, lazyfree,
   * eviction sampling... Names, aliases, ranges and defaults are Redis's.
   */
  private static void registerAccepted(Config c) {
    long maxInt = Integer.MAX_VALUE;
    long maxLong = Long.MAX_VALUE;
    c.register(enumeration("enable-debug-command", "no", false, "no", "yes", "local"));
    c.register(enumeration("enable-protected-configs", "no", false, "no", "yes", "local"));
    c.register(enumeration("enable-module-command", "no", false, "no", "yes", "local"));
    c.register(enumeration("supervised", "no", false, "upstart", "systemd", "auto", "no"));
    c.register(bool("always-show-logo", false, false));
    c.register(bool("set-proc-title", true, false));
    c.register(string("proc-title-template", "{title} {listen-addr} {server-mode}", true));
    c.register(bool("disable-thp", true, false));
    c.register(string("unixsocket", "", false));
    c.register(bool("syslog-enabled", false, false));
    c.register(string("syslog-ident", "redis", false));
    c.register(enumeration("syslog-facility", "local0", false, "user", "local0", "local1",
        "local2", "local3", "local4", "local5", "local6", "local7"));
    c.register(bool("cluster-enabled", false, false));
    c.register(integer("io-threads", 1, 1, 128, false));
    c.register(bool("io-threads-do-reads", false, false));
    c.register(string("aclfile", "", false));
    c.register(integer("acllog-max-len", 128, 0, maxLong, true));
    c.register(enumeration("acl-pubsub-default", "resetchannels", true, "allchannels", "resetchannels"));
    c.register(string("notify-keyspace-events", "", true));
    c.register(bool("stop-writes-on-bgsave-error", true, true));
    c.register(bool("rdbcompression", true, true));
    c.register(bool("rdbchecksum", true, false));
    c.register(bool("rdb-del-sync-files", false, true));
    c.register(bool("rdb-save-incremental-fsync", true, true));
    c.register(string("appendfilename", "appendonly.aof", false));
    c.register(string("appenddirname", "appendonlydir", false));
    c.register(bool("no-appendfsync-on-rewrite", false, true));
    c.register(integer("auto-aof-rewrite-percentage", 100, 0, maxInt, true));
    c.register(memory("auto-aof-rewrite-min-size", 64L * 1024 * 1024, 0, maxLong, true));
    c.register(bool("aof-load-truncated", true, true));
    c.register(bool("aof-use-rdb-preamble", true, true));
    c.register(bool("aof-timestamp-enabled", false, true));
    c.register(bool("aof-rewrite-incremental-fsync", true, true));
    c.register(bool("repl-disable-tcp-nodelay", false, true));
    c.register(integer("repl-diskless-sync-max-replicas", 0, 0, maxInt, true));
    c.register(bool("replica-lazy-flush", false, true).alias("slave-lazy-flush"));
    c.register(bool("replica-ignore-maxmemory", true, true).alias("slave-ignore-maxmemory"));
    c.register(integer("maxmemory-samples", 5, 1, maxInt, true));
    c.register(integer("maxmemory-eviction-tenacity", 10, 0, 100, true));
    c.register(bool("lazyfree-lazy-eviction", false, true));
    c.register(bool("lazyfree-lazy-expire", false, true));
    c.register(bool("lazyfree-lazy-server-del", false, true));
    c.register(bool("lazyfree-lazy-user-flush", false, true));
    c.register(enumeration("oom-score-adj", "no", true, "no", "yes", "relative", "absolute"));
    c.register(string("oom-score-adj-values", "0 200 800", true));
    c.register(integer("lfu-log-factor", 10, 0, maxInt, true));
    c.register(integer("lfu-decay-time", 1, 0, maxInt, true));
    c.register(integer("busy-reply-threshold", 5000, 0, maxLong, true).alias("lua-time-limit"));
    c.register(integer("slowlog-log-slower-than", 10000, -1, maxLong, true));
    c.register(integer("slowlog-max-len", 128, 0, maxLong, true));
    c.register(integer("latency-monitor-threshold", 0, 0, maxLong, true));
    c.register(bool("latency-tracking", true, true));
    c.register(bool("activerehashing", true, true));
    c.register(bool("activedefrag", false, true));
    c.register(bool("dynamic-hz", true, true));
    c.register(bool("jemalloc-bg-thread", true, true));
    c.register(bool("crash-log-enabled", true, true));
    c.register(bool("crash-memcheck-enabled", true, true));
    c.register(integer("shutdown-timeout", 10, 0, maxInt, true));
    c.register(integer("tracking-table-max-keys", 1000000, 0, maxLong, true));
    c.register(integer("hash-max-listpack-entries", 512, 0, maxLong, true).alias("hash-max-ziplist-entries"));
    c.register(memory("hash-max-listpack-value", 64, 0, maxLong, true).alias("hash-max-ziplist-value"));
    c.register(integer("list-max-listpack-size", -2, Integer.MIN_VALUE, maxInt, true).alias("list-max-ziplist-size"));
    c.register(integer("list-compress-depth", 0, 0, maxInt, true));
    c.register(integer("set-max-intset-entries", 512, 0, maxLong, true));
    c.register(integer("zset-max-listpack-entries", 128, 0, maxLong, true).alias("zset-max-ziplist-entries"));
    c.register(memory("zset-max-listpack-value", 64, 0, maxLong, true).alias("zset-max-ziplist-value"));
    c.register(memory("hll-sparse-max-bytes", 3000, 0, maxLong, true));
    c.register(memory("stream-node-max-bytes", 4096, 0, maxLong, true));
    c.register(integer("stream-node-max-entries", 100, 0, maxLong, true));
  }
}
