package io.kvstore.core.cmd.server;

import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.engine.InfoSection;
import io.kvstore.core.engine.Node;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * The built-in INFO sections about the process: server, clients, memory and cpu, with Redis
 * 7.0's field names in Redis's order. Fields that have no meaning on the JVM keep their Redis
 * name with a neutral value (0, "no") so parsers written for Redis keep working; memory is the
 * JVM heap, RSS comes from the node's hook (the server module plugs in the OS figure).
 */
final class InfoSections {
  private InfoSections() {}

  static final String REDIS_VERSION = "7.0.15";

  /** A built-in section computed from the node. */
  record Builtin(String name, Function<Node, Map<String, String>> fn) implements InfoSection {
    @Override
    public Map<String, String> fields(Node node) {
      return fn.apply(node);
    }
  }

  static Map<String, String> server(Node node) {
    Map<String, String> m = new LinkedHashMap<>();
    long now = node.clock().millis();
    long uptime = Math.max(0, (now - node.startedAtMs()) / 1000);
    int hz = node.config().getInt("hz");
    Path conf = node.config().sourceFile();
    m.put("redis_version", REDIS_VERSION);
    m.put("redis_git_sha1", "00000000");
    m.put("redis_git_dirty", "0");
    m.put("redis_build_id", "0");
    m.put("redis_mode", "standalone");
    m.put("os", os());
    m.put("arch_bits", "64");
    m.put("monotonic_clock", "java System.nanoTime");
    m.put("multiplexing_api", "java");
    m.put("atomicvar_api", "java");
    m.put("gcc_version", "0.0.0");
    m.put("process_id", Long.toString(node.processId()));
    m.put("process_supervised", "no");
    m.put("run_id", node.runId());
    m.put("tcp_port", Integer.toString(node.tcpPort()));
    m.put("server_time_usec", Long.toString(now * 1000));
    m.put("uptime_in_seconds", Long.toString(uptime));
    m.put("uptime_in_days", Long.toString(uptime / 86400));
    m.put("hz", Integer.toString(hz));
    m.put("configured_hz", Integer.toString(hz));
    m.put("lru_clock", Long.toString((now / 1000) & ((1 << 24) - 1)));
    m.put("executable", ProcessHandle.current().info().command().orElse(""));
    m.put("config_file", conf == null ? "" : conf.toString());
    m.put("io_threads_active", "0");
    m.put("kvstore_version", kvstoreVersion());
    m.put("replication_mode", node.config().get("replication-mode"));
    return m;
  }

  static Map<String, String> clients(Node node) {
    int connected = 0;
    int blocked = 0;
    for (ClientSession s : node.clients().all()) {
      if (s.killed()) continue;
      if (s.kind() != ClientSession.Kind.REPLICA) connected++;
      if (s.blocked()) blocked++;
    }
    Map<String, String> m = new LinkedHashMap<>();
    m.put("connected_clients", Integer.toString(connected));
    m.put("cluster_connections", "0");
    m.put("maxclients", node.config().get("maxclients"));
    m.put("client_recent_max_input_buffer", "0");
    m.put("client_recent_max_output_buffer", "0");
    m.put("blocked_clients", Integer.toString(blocked));
    m.put("tracking_clients", "0");
    m.put("clients_in_timeout_table", "0");
    return m;
  }

  static Map<String, String> memory(Node node) {
    Runtime rt = Runtime.getRuntime();
    long used = rt.totalMemory() - rt.freeMemory();
    long rss = node.rssBytes();
    long peak = Math.max(node.stats().peakMemory, used);
    node.stats().peakMemory = peak;
    long system = totalSystemMemory();
    long maxmemory = node.config().getLong("maxmemory");
    Map<String, String> m = new LinkedHashMap<>();
    m.put("used_memory", Long.toString(used));
    m.put("used_memory_human", bytesToHuman(used));
    m.put("used_memory_rss", Long.toString(rss));
    m.put("used_memory_rss_human", bytesToHuman(rss));
    m.put("used_memory_peak", Long.toString(peak));
    m.put("used_memory_peak_human", bytesToHuman(peak));
    m.put("used_memory_peak_perc", percent(used, peak) + "%");
    m.put("used_memory_overhead", "0");
    m.put("used_memory_startup", "0");
    m.put("used_memory_dataset", Long.toString(used));
    m.put("used_memory_dataset_perc", "100.00%");
    m.put("allocator_allocated", Long.toString(used));
    m.put("allocator_active", Long.toString(rt.totalMemory()));
    m.put("allocator_resident", Long.toString(rss));
    m.put("total_system_memory", Long.toString(system));
    m.put("total_system_memory_human", bytesToHuman(system));
    for (String k : new String[] {"used_memory_lua", "used_memory_vm_eval"}) m.put(k, "0");
    m.put("used_memory_lua_human", "0B");
    for (String k : new String[] {"used_memory_scripts_eval", "number_of_cached_scripts",
        "number_of_functions", "number_of_libraries", "used_memory_vm_functions",
        "used_memory_vm_total"}) {
      m.put(k, "0");
    }
    m.put("used_memory_vm_total_human", "0B");
    m.put("used_memory_functions", "0");
    m.put("used_memory_scripts", "0");
    m.put("used_memory_scripts_human", "0B");
    m.put("maxmemory", Long.toString(maxmemory));
    m.put("maxmemory_human", bytesToHuman(maxmemory));
    m.put("maxmemory_policy", node.config().get("maxmemory-policy"));
    m.put("allocator_frag_ratio", ratio(rt.totalMemory(), used));
    m.put("allocator_frag_bytes", Long.toString(rt.totalMemory() - used));
    m.put("allocator_rss_ratio", ratio(rss, rt.totalMemory()));
    m.put("allocator_rss_bytes", Long.toString(rss - rt.totalMemory()));
    m.put("rss_overhead_ratio", "1.00");
    m.put("rss_overhead_bytes", "0");
    m.put("mem_fragmentation_ratio", ratio(rss, used));
    m.put("mem_fragmentation_bytes", Long.toString(rss - used));
    for (String k : new String[] {"mem_not_counted_for_evict", "mem_replication_backlog",
        "mem_total_replication_buffers", "mem_clients_slaves", "mem_clients_normal",
        "mem_cluster_links", "mem_aof_buffer"}) {
      m.put(k, "0");
    }
    m.put("mem_allocator", "jvm");
    m.put("active_defrag_running", "0");
    m.put("lazyfree_pending_objects", "0");
    m.put("lazyfreed_objects", "0");
    return m;
  }

  static Map<String, String> cpu(Node node) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long total = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L);
    long user = 0;
    long mainCpu = 0;
    long mainUser = 0;
    if (threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled()) {
      for (long id : threads.getAllThreadIds()) user += Math.max(0, threads.getThreadUserTime(id));
      mainCpu = Math.max(0, threads.getCurrentThreadCpuTime());
      mainUser = Math.max(0, threads.getCurrentThreadUserTime());
    }
    user = Math.min(user, total);
    Map<String, String> m = new LinkedHashMap<>();
    m.put("used_cpu_sys", seconds(total - user));
    m.put("used_cpu_user", seconds(user));
    m.put("used_cpu_sys_children", "0.000000");
    m.put("used_cpu_user_children", "0.000000");
    m.put("used_cpu_sys_main_thread", seconds(mainCpu - mainUser));
    m.put("used_cpu_user_main_thread", seconds(mainUser));
    return m;
  }

  /** Redis bytesToHuman: 1023B, 1.00K, 2.50M, ... */
  static String bytesToHuman(long n) {
    if (n < 0) return n + "B";
    String[] units = {"K", "M", "G", "T", "P"};
    if (n < 1024) return n + "B";
    double d = n;
    for (String u : units) {
      d /= 1024;
      if (d < 1024) return String.format(Locale.ROOT, "%.2f%s", d, u);
    }
    return n + "B";
  }

  private static String percent(long part, long whole) {
    return String.format(Locale.ROOT, "%.2f", whole == 0 ? 0.0 : part * 100.0 / whole);
  }

  private static String ratio(long a, long b) {
    return String.format(Locale.ROOT, "%.2f", b <= 0 ? 0.0 : (double) a / b);
  }

  private static String seconds(long nanos) {
    long micros = Math.max(0, nanos) / 1000;
    return String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
  }

  private static String os() {
    String arch = System.getProperty("os.arch", "");
    if (arch.equals("amd64")) arch = "x86_64";
    return System.getProperty("os.name", "") + " " + System.getProperty("os.version", "") + " " + arch;
  }

  private static long totalSystemMemory() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getTotalMemorySize();
    return 0;
  }

  private static String kvstoreVersion() {
    try (InputStream in = InfoSections.class.getResourceAsStream("/kvstore-version.properties")) {
      if (in == null) return "unknown";
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
