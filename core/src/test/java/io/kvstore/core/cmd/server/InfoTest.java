package io.kvstore.core.cmd.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.core.engine.InfoSection;
import io.kvstore.core.engine.Node;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.StoredValue;
import io.kvstore.core.testing.TestNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InfoTest {
  private final TestNode t = new TestNode();
  private final TestNode.Client c = t.client();

  private String info(String... sections) {
    String[] argv = new String[sections.length + 1];
    argv[0] = "INFO";
    System.arraycopy(sections, 0, argv, 1, sections.length);
    Reply r = c.exec(argv);
    assertThat(r).isInstanceOf(Reply.Verbatim.class);
    assertThat(((Reply.Verbatim) r).format()).isEqualTo("txt");
    return ((Reply.Verbatim) r).text();
  }

  private static List<String> headers(String text) {
    List<String> out = new ArrayList<>();
    for (String l : text.split("\r\n")) if (l.startsWith("# ")) out.add(l.substring(2));
    return out;
  }

  /** field → value of every "k:v" line. */
  private static Map<String, String> fields(String text) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String l : text.split("\r\n")) {
      int colon = l.indexOf(':');
      if (!l.startsWith("#") && colon > 0) m.put(l.substring(0, colon), l.substring(colon + 1));
    }
    return m;
  }

  @Test
  void defaultSectionsInRedisOrderWithCrlfAndBlankLineBetween() {
    String text = info();
    assertThat(headers(text)).containsExactly("Server", "Clients", "Memory", "Persistence", "Stats",
        "Replication", "CPU", "Modules", "Errorstats", "Cluster", "Keyspace");
    assertThat(text).startsWith("# Server\r\nredis_version:7.0.15\r\n");
    assertThat(text).contains("\r\n\r\n# Clients\r\n");
    assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    assertThat(text).endsWith("# Keyspace\r\n");
    assertThat(headers(info("default"))).isEqualTo(headers(text));
  }

  @Test
  void allAndEverythingAddTheRemainingSections() {
    assertThat(headers(info("all"))).containsExactly("Server", "Clients", "Memory", "Persistence",
        "Stats", "Replication", "CPU", "Modules", "Commandstats", "Errorstats", "Latencystats",
        "Cluster", "Keyspace");
    assertThat(headers(info("everything"))).hasSize(13);
  }

  @Test
  void sectionNamesAreCaseInsensitiveAndUnknownOnesAnswerEmpty() {
    assertThat(headers(info("SERVER", "clients"))).containsExactly("Server", "Clients");
    assertThat(headers(info("clients", "server"))).containsExactly("Server", "Clients");
    assertThat(info("nosuchsection")).isEmpty();
  }

  @Test
  void serverSectionFields() {
    t.node.setTcpPort(6390);
    Map<String, String> f = fields(info("server"));
    assertThat(f.keySet()).containsSubsequence("redis_version", "redis_git_sha1", "redis_mode", "os",
        "arch_bits", "process_id", "run_id", "tcp_port", "server_time_usec", "uptime_in_seconds",
        "uptime_in_days", "hz", "executable", "config_file", "io_threads_active",
        "kvstore_version", "replication_mode");
    assertThat(f).containsEntry("redis_mode", "standalone").containsEntry("arch_bits", "64")
        .containsEntry("tcp_port", "6390").containsEntry("hz", "10")
        .containsEntry("config_file", "").containsEntry("io_threads_active", "0")
        .containsEntry("replication_mode", "async")
        .containsEntry("run_id", t.node.runId())
        .containsEntry("server_time_usec", Long.toString(t.clock.millis() * 1000));
    assertThat(f.get("run_id")).matches("[0-9a-f]{40}");
    t.clock.advance(90_000 * 1000L);
    Map<String, String> later = fields(info("server"));
    assertThat(later).containsEntry("uptime_in_seconds", "90000").containsEntry("uptime_in_days", "1");
  }

  @Test
  void clientsMemoryAndPersistence() {
    t.client();
    Map<String, String> f = fields(info("clients", "memory", "persistence"));
    assertThat(f).containsEntry("connected_clients", "2").containsEntry("blocked_clients", "0")
        .containsEntry("maxclients", "10000").containsEntry("maxmemory", "0")
        .containsEntry("maxmemory_human", "0B").containsEntry("maxmemory_policy", "noeviction")
        .containsEntry("loading", "0").containsEntry("rdb_bgsave_in_progress", "0")
        .containsEntry("rdb_last_bgsave_status", "ok").containsEntry("aof_rewrite_in_progress", "0")
        .containsEntry("aof_enabled", "1").containsEntry("kvstore_store", "memory")
        .containsEntry("kvstore_disk_bytes", "0")
        .containsEntry("rdb_last_save_time", Long.toString(t.clock.millis() / 1000));
    assertThat(f.get("used_memory")).matches("\\d+");
    assertThat(f.get("used_memory_human")).matches("\\d+(B|\\.\\d\\d[KMG])");
    assertThat(f.get("mem_fragmentation_ratio")).matches("\\d+\\.\\d\\d");
    t.node.stats().dirty = 7;
    t.node.setRssSupplier(() -> 3 * 1024 * 1024);
    Map<String, String> g = fields(info("memory", "persistence"));
    assertThat(g).containsEntry("rdb_changes_since_last_save", "7")
        .containsEntry("used_memory_rss", Long.toString(3 * 1024 * 1024))
        .containsEntry("used_memory_rss_human", "3.00M");
  }

  @Test
  void statsCountConnectionsCommandsAndErrorsByCode() {
    c.exec("NOSUCHCOMMAND");
    c.exec("CONFIG", "GET");
    Map<String, String> f = fields(info("stats", "errorstats"));
    assertThat(f.keySet()).containsSubsequence("total_connections_received",
        "total_commands_processed", "instantaneous_ops_per_sec", "total_net_input_bytes",
        "total_net_output_bytes", "total_net_repl_input_bytes", "total_net_repl_output_bytes",
        "rejected_connections", "sync_full", "sync_partial_ok", "sync_partial_err", "expired_keys",
        "evicted_keys", "keyspace_hits", "keyspace_misses", "pubsub_channels", "pubsub_patterns",
        "total_error_replies");
    assertThat(f).containsEntry("total_connections_received", "1")
        .containsEntry("total_error_replies", "2").containsEntry("errorstat_ERR", "count=2");
    c.exec("CONFIG", "RESETSTAT");
    assertThat(fields(info("stats", "errorstats"))).containsEntry("total_error_replies", "0")
        .doesNotContainKey("errorstat_ERR");
  }

  @Test
  void standaloneReplicationSection() {
    Map<String, String> f = fields(info("replication"));
    assertThat(f.keySet()).containsExactly("role", "connected_slaves", "master_failover_state",
        "master_replid", "master_replid2", "master_repl_offset", "second_repl_offset",
        "repl_backlog_active", "repl_backlog_size", "repl_backlog_first_byte_offset",
        "repl_backlog_histlen");
    assertThat(f).containsEntry("role", "master").containsEntry("connected_slaves", "0")
        .containsEntry("master_failover_state", "no-failover")
        .containsEntry("master_replid2", "0".repeat(40)).containsEntry("master_repl_offset", "0")
        .containsEntry("second_repl_offset", "-1").containsEntry("repl_backlog_size", "1048576");
    assertThat(f.get("master_replid")).matches("[0-9a-f]{40}").isNotEqualTo(t.node.runId())
        .isEqualTo(fields(info("replication")).get("master_replid"));
  }

  @Test
  void keyspaceListsNonEmptyDatabases() {
    assertThat(fields(info("keyspace"))).isEmpty();
    byte[] v = "v".getBytes(StandardCharsets.UTF_8);
    t.store.put(0, "a".getBytes(StandardCharsets.UTF_8), StoredValue.string(v, StoredValue.NO_EXPIRY));
    t.store.put(0, "b".getBytes(StandardCharsets.UTF_8), StoredValue.string(v, t.clock.millis() + 5000));
    t.store.put(3, "c".getBytes(StandardCharsets.UTF_8), StoredValue.string(v, StoredValue.NO_EXPIRY));
    assertThat(info("keyspace")).isEqualTo(
        "# Keyspace\r\ndb0:keys=2,expires=1,avg_ttl=0\r\ndb3:keys=1,expires=0,avg_ttl=0\r\n");
  }

  @Test
  void registeredSectionsOverrideBuiltinsAndActLikeModuleSections() {
    t.node.addInfoSection(section("replication", Map.of("role", "slave")));
    t.node.addInfoSection(section("raft", Map.of("raft_term", "3")));
    assertThat(info("replication")).isEqualTo("# Replication\r\nrole:slave\r\n");
    assertThat(headers(info())).doesNotContain("Raft");
    assertThat(headers(info("all"))).doesNotContain("Raft");
    assertThat(info("raft")).isEqualTo("# Raft\r\nraft_term:3\r\n");
    assertThat(headers(info("everything"))).endsWith("Keyspace", "Raft");
    t.node.addInfoSection(section("server", Map.of("redis_version", "x")));
    assertThat(info("server")).isEqualTo("# Server\r\nredis_version:x\r\n");
  }

  @Test
  void bytesToHumanMatchesRedis() {
    assertThat(InfoSections.bytesToHuman(0)).isEqualTo("0B");
    assertThat(InfoSections.bytesToHuman(1023)).isEqualTo("1023B");
    assertThat(InfoSections.bytesToHuman(1024)).isEqualTo("1.00K");
    assertThat(InfoSections.bytesToHuman(916328)).isEqualTo("894.85K");
    assertThat(InfoSections.bytesToHuman(6844416)).isEqualTo("6.53M");
    assertThat(InfoSections.bytesToHuman(25276502016L)).isEqualTo("23.54G");
  }

  private static InfoSection section(String name, Map<String, String> fields) {
    return new InfoSection() {
      @Override public String name() { return name; }
      @Override public Map<String, String> fields(Node node) { return fields; }
    };
  }
}
