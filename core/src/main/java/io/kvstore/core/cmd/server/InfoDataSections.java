package io.kvstore.core.cmd.server;

import io.kvstore.core.engine.Node;
import io.kvstore.core.engine.Stats;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The built-in INFO sections about data and traffic: persistence, stats, replication (the
 * standalone master view a replication module replaces), errorstats, cluster and keyspace.
 * Field names and order are Redis 7.0's; kvstore's own persistence facts follow Redis's lines.
 */
final class InfoDataSections {
  private InfoDataSections() {}

  static final String ZERO_ID = "0000000000000000000000000000000000000000";

  static Map<String, String> persistence(Node node) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String k : new String[] {"loading", "async_loading", "current_cow_peak",
        "current_cow_size", "current_cow_size_age"}) {
      m.put(k, "0");
    }
    m.put("current_fork_perc", "0.00");
    m.put("current_save_keys_processed", "0");
    m.put("current_save_keys_total", "0");
    m.put("rdb_changes_since_last_save", Long.toString(node.stats().dirty));
    m.put("rdb_bgsave_in_progress", "0");
    m.put("rdb_last_save_time", Long.toString(node.lastSaveSeconds()));
    m.put("rdb_last_bgsave_status", node.lastSaveOk() ? "ok" : "err");
    m.put("rdb_last_bgsave_time_sec", "-1");
    m.put("rdb_current_bgsave_time_sec", "-1");
    m.put("rdb_saves", Long.toString(node.stats().rdbSaves));
    m.put("rdb_last_cow_size", "0");
    m.put("rdb_last_load_keys_expired", "0");
    m.put("rdb_last_load_keys_loaded", "0");
    m.put("aof_enabled", node.config().getBool("appendonly") ? "1" : "0");
    m.put("aof_rewrite_in_progress", "0");
    m.put("aof_rewrite_scheduled", "0");
    m.put("aof_last_rewrite_time_sec", "-1");
    m.put("aof_current_rewrite_time_sec", "-1");
    m.put("aof_last_bgrewrite_status", "ok");
    m.put("aof_rewrites", "0");
    m.put("aof_rewrites_consecutive_failures", "0");
    m.put("aof_last_write_status", "ok");
    m.put("aof_last_cow_size", "0");
    m.put("module_fork_in_progress", "0");
    m.put("module_fork_last_cow_size", "0");
    m.put("kvstore_store", node.storeName());
    m.put("kvstore_disk_bytes", Long.toString(node.store().diskBytes()));
    return m;
  }

  static Map<String, String> stats(Node node) {
    Stats s = node.stats();
    long in = s.netInputBytes.sum();
    long out = s.netOutputBytes.sum();
    Map<String, String> m = new LinkedHashMap<>();
    m.put("total_connections_received", Long.toString(s.totalConnections));
    m.put("total_commands_processed", Long.toString(s.totalCommands));
    m.put("instantaneous_ops_per_sec", Long.toString(s.instantaneousOps()));
    m.put("total_net_input_bytes", Long.toString(in));
    m.put("total_net_output_bytes", Long.toString(out));
    m.put("total_net_repl_input_bytes", Long.toString(s.netReplInputBytes.sum()));
    m.put("total_net_repl_output_bytes", Long.toString(s.netReplOutputBytes.sum()));
    m.put("instantaneous_input_kbps", kbps(s.instantaneousInputBytesPerSec()));
    m.put("instantaneous_output_kbps", kbps(s.instantaneousOutputBytesPerSec()));
    m.put("instantaneous_input_repl_kbps", "0.00");
    m.put("instantaneous_output_repl_kbps", "0.00");
    m.put("rejected_connections", Long.toString(s.rejectedConnections));
    m.put("sync_full", Long.toString(s.syncFull));
    m.put("sync_partial_ok", Long.toString(s.syncPartialOk));
    m.put("sync_partial_err", Long.toString(s.syncPartialErr));
    m.put("expired_keys", Long.toString(s.expiredKeys));
    m.put("expired_stale_perc", "0.00");
    m.put("expired_time_cap_reached_count", "0");
    m.put("expire_cycle_cpu_milliseconds", "0");
    m.put("evicted_keys", Long.toString(s.evictedKeys));
    m.put("evicted_clients", "0");
    m.put("total_eviction_exceeded_time", "0");
    m.put("current_eviction_exceeded_time", "0");
    m.put("keyspace_hits", Long.toString(s.keyspaceHits));
    m.put("keyspace_misses", Long.toString(s.keyspaceMisses));
    m.put("pubsub_channels", Integer.toString(node.pubsub().channelCount()));
    m.put("pubsub_patterns", Integer.toString(node.pubsub().patternCount()));
    for (String k : new String[] {"pubsubshard_channels", "latest_fork_usec", "total_forks",
        "migrate_cached_sockets", "slave_expires_tracked_keys", "active_defrag_hits",
        "active_defrag_misses", "active_defrag_key_hits", "active_defrag_key_misses",
        "total_active_defrag_time", "current_active_defrag_time", "tracking_total_keys",
        "tracking_total_items", "tracking_total_prefixes", "unexpected_error_replies"}) {
      m.put(k, "0");
    }
    m.put("total_error_replies", Long.toString(s.totalErrorReplies));
    m.put("dump_payload_sanitizations", "0");
    for (String k : new String[] {"total_reads_processed", "total_writes_processed",
        "io_threaded_reads_processed", "io_threaded_writes_processed",
        "reply_buffer_shrinks", "reply_buffer_expands"}) {
      m.put(k, "0");
    }
    return m;
  }

  /** The standalone master: no replicas, no backlog. */
  static Map<String, String> replication(Node node) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("role", "master");
    m.put("connected_slaves", "0");
    m.put("master_failover_state", "no-failover");
    m.put("master_replid", node.replId());
    m.put("master_replid2", ZERO_ID);
    m.put("master_repl_offset", "0");
    m.put("second_repl_offset", "-1");
    m.put("repl_backlog_active", "0");
    m.put("repl_backlog_size", node.config().get("repl-backlog-size"));
    m.put("repl_backlog_first_byte_offset", "0");
    m.put("repl_backlog_histlen", "0");
    return m;
  }

  static Map<String, String> errorstats(Node node) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : node.stats().errorCounts().entrySet()) {
      m.put("errorstat_" + e.getKey(), "count=" + e.getValue());
    }
    return m;
  }

  static Map<String, String> cluster(Node node) {
    return Map.of("cluster_enabled", "0");
  }

  static Map<String, String> keyspace(Node node) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int db = 0; db < node.databases(); db++) {
      long keys = node.store().size(db);
      long expires = node.store().expiresCount(db);
      if (keys != 0 || expires != 0) {
        m.put("db" + db, "keys=" + keys + ",expires=" + expires + ",avg_ttl=0");
      }
    }
    return m;
  }

  static Map<String, String> empty(Node node) {
    return Map.of();
  }

  private static String kbps(long bytesPerSec) {
    return String.format(Locale.ROOT, "%.2f", bytesPerSec / 1024.0);
  }
}
