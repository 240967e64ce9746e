package io.kvstore.core.engine;

import io.kvstore.core.command.CommandTable;
import io.kvstore.core.config.Config;
import io.kvstore.core.pubsub.PubSub;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.Store;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Everything one kvstore node's engine works with: config, clock, store, command table, clients,
 * pub/sub, watches, stats, INFO sections, gates and the effect sink. Several nodes may live in
 * one JVM (tests), so nothing here is static.
 */
public final class Node {
  /** A reply waiting to be written once the current batch has committed. */
  public record Outgoing(ClientSession session, Reply reply) {}

  private final Config config;
  private final Clock clock;
  private final Store store;
  private final CommandTable commands;
  private final RandomGenerator random;
  private final ClientRegistry clients = new ClientRegistry();
  private final WatchRegistry watches = new WatchRegistry();
  private final Stats stats = new Stats();
  private final List<Outgoing> outbox = new ArrayList<>();
  private final PubSub pubsub;
  private final Map<String, InfoSection> infoSections = new LinkedHashMap<>();
  private final List<CommandGate> gates = new ArrayList<>();
  private final List<java.util.function.LongConsumer> crons = new ArrayList<>();
  private final ScanCursors scanCursors = new ScanCursors();
  private final List<Runnable> beforeCommit = new ArrayList<>();
  private final List<Runnable> afterCommit = new ArrayList<>();
  private final List<java.util.function.Consumer<ClientSession>> closeHooks = new ArrayList<>();
  private final String runId;
  private final long startedAtMs;
  private EffectSink effectSink = EffectSink.NONE;
  private CommandBackend backend = CommandBackend.LOCAL;
  private Lifecycle lifecycle = Lifecycle.NONE;
  private boolean deletesExpiredKeys = true;
  private volatile long lastSaveSeconds;
  private volatile long processId = ProcessHandle.current().pid();
  private volatile int tcpPort;
  private volatile String replId;
  private volatile java.util.function.LongSupplier rssBytes = Node::heapUsed;
  private volatile String storeName;
  private volatile boolean lastSaveOk = true;

  public Node(Config config, Clock clock, Store store, CommandTable commands, RandomGenerator random) {
    this.config = config;
    this.clock = clock;
    this.store = store;
    this.commands = commands;
    this.random = random;
    this.pubsub = new PubSub(this::deliver);
    byte[] id = new byte[20];
    random.nextBytes(id);
    this.runId = HexFormat.of().formatHex(id);
    this.startedAtMs = clock.millis();
    this.lastSaveSeconds = startedAtMs / 1000;
    this.tcpPort = config.getInt("port");
    this.replId = derivedId(runId);
    this.storeName = defaultStoreName(store);
    crons.add(stats::sample);
  }

  /** A second 40-hex id derived from the run id, so creating it consumes no randomness. */
  private static String derivedId(String runId) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-1")
          .digest(("replid:" + runId).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(d);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String defaultStoreName(Store store) {
    String n = store.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    return n.endsWith("store") && n.length() > 5 ? n.substring(0, n.length() - 5) : n;
  }

  private static long heapUsed() {
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  public Config config() { return config; }
  public Clock clock() { return clock; }
  public Store store() { return store; }
  public CommandTable commands() { return commands; }
  public RandomGenerator random() { return random; }
  public ClientRegistry clients() { return clients; }
  public WatchRegistry watches() { return watches; }
  public Stats stats() { return stats; }
  public PubSub pubsub() { return pubsub; }
  public ScanCursors scanCursors() { return scanCursors; }
  public String runId() { return runId; }
  public long startedAtMs() { return startedAtMs; }
  public int databases() { return store.databases(); }

  public EffectSink effectSink() { return effectSink; }
  public void setEffectSink(EffectSink sink) { this.effectSink = sink; }
  public Lifecycle lifecycle() { return lifecycle; }
  /** Where client commands go once they passed the engine's checks (local execution by default). */
  public CommandBackend backend() { return backend; }
  public void setBackend(CommandBackend b) { this.backend = b; }
  public void setLifecycle(Lifecycle l) { this.lifecycle = l; }

  /** False on replicas: expired keys read as missing but only the master deletes them. */
  public boolean deletesExpiredKeys() { return deletesExpiredKeys; }
  public void setDeletesExpiredKeys(boolean b) { this.deletesExpiredKeys = b; }

  public long lastSaveSeconds() { return lastSaveSeconds; }
  public void setLastSaveSeconds(long s) { lastSaveSeconds = s; }
  public long processId() { return processId; }
  public int tcpPort() { return tcpPort; }
  public void setTcpPort(int p) { tcpPort = p; }

  public List<CommandGate> gates() { return gates; }

  /** The replication id INFO reports (master_replid); a replication module may replace it. */
  public String replId() { return replId; }
  public void setReplId(String id) { replId = id; }

  /** Resident set size for INFO memory; the server sets an OS-backed supplier (default: JVM heap used). */
  public long rssBytes() { return rssBytes.getAsLong(); }
  public void setRssSupplier(java.util.function.LongSupplier s) { rssBytes = s; }

  /** The store kind INFO persistence reports (kvstore_store), e.g. "rocksdb" or "memory". */
  public String storeName() { return storeName; }
  public void setStoreName(String name) { storeName = name; }

  /** Whether the last SAVE/BGSAVE succeeded (INFO rdb_last_bgsave_status). */
  public boolean lastSaveOk() { return lastSaveOk; }
  public void setLastSaveOk(boolean ok) { lastSaveOk = ok; }

  /** Periodic work run on the engine thread {@code hz} times a second (active expiry, ...). */
  public void addCron(java.util.function.LongConsumer cron) {
    crons.add(cron);
  }

  public List<java.util.function.LongConsumer> crons() {
    return crons;
  }

  /**
   * Work run on the engine thread right before each commit of the engine loop (replication writes
   * its id and offset metadata there, so they commit atomically with the data, once per commit).
   */
  public void addBeforeCommitHook(Runnable hook) {
    beforeCommit.add(hook);
  }

  public List<Runnable> beforeCommitHooks() {
    return beforeCommit;
  }

  /** Work run on the engine thread right after each commit (replication flushes its stream). */
  public void addAfterCommitHook(Runnable hook) {
    afterCommit.add(hook);
  }

  public List<Runnable> afterCommitHooks() {
    return afterCommit;
  }

  /** Called (engine thread) when a client session closes, before it is forgotten. */
  public void addCloseHook(java.util.function.Consumer<ClientSession> hook) {
    closeHooks.add(hook);
  }

  /** Runs the close hooks for {@code s}. */
  public void clientClosed(ClientSession s) {
    for (var hook : closeHooks) hook.accept(s);
  }

  public void addInfoSection(InfoSection s) {
    infoSections.put(s.name(), s);
  }

  public Map<String, InfoSection> infoSections() {
    return infoSections;
  }

  /** Queues output for a session; written after the current batch commits. */
  public void deliver(ClientSession session, Reply reply) {
    outbox.add(new Outgoing(session, reply));
  }

  /** Whether output for {@code session} is queued and not yet written (SYNC refuses then). */
  public boolean hasPendingOutput(ClientSession session) {
    for (Outgoing o : outbox) {
      if (o.session() == session) return true;
    }
    return false;
  }

  /** Takes everything queued for output (engine loop, after commit). */
  public List<Outgoing> drainOutbox() {
    if (outbox.isEmpty()) return List.of();
    List<Outgoing> out = new ArrayList<>(outbox);
    outbox.clear();
    return out;
  }
}
