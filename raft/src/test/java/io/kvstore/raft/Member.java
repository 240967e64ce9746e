package io.kvstore.raft;

import io.kvstore.core.cmd.CommandTables;
import io.kvstore.core.config.Config;
import io.kvstore.core.engine.Engine;
import io.kvstore.core.engine.EngineLoop;
import io.kvstore.core.engine.Node;
import io.kvstore.core.store.StoredValue;
import io.kvstore.persistence.RocksStore;
import io.kvstore.persistence.SyncPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;

/** One in-JVM raft-mode node: a dataset store with the WAL off, a node, its engine loop, Raft. */
final class Member implements AutoCloseable {
  final String id;
  final Path dir;
  final OffsetClock clock = new OffsetClock();
  private final Map<String, String> settings;
  java.util.function.Consumer<org.apache.ratis.conf.RaftProperties> tuning = p -> {};
  RocksStore store;
  Node node;
  EngineLoop loop;
  RaftNode raft;

  Member(String id, Path dir, Map<String, String> settings) {
    this.id = id;
    this.dir = dir;
    this.settings = new LinkedHashMap<>(settings);
  }

  void set(String name, String value) {
    settings.put(name, value);
  }

  Member start() {
    Config c = new Config();
    c.set("dir", dir.toString(), true);
    c.set("replication-mode", "raft", true);
    c.set("raft-id", id, true);
    c.set("raft-election-timeout", "300", true);
    c.set("raft-timeout", "3000", true);
    for (Map.Entry<String, String> e : settings.entrySet()) c.set(e.getKey(), e.getValue(), true);
    store = RocksStore.open(dir.resolve("data"), c.getInt("databases"), SyncPolicy.WAL_OFF);
    node = new Node(c, clock, store, CommandTables.standard(), new SplittableRandom(1));
    loop = new EngineLoop(new Engine(node), "engine-" + id);
    loop.start();
    RocksStore st = store;
    raft = RaftNode.start(c, loop, new StoreStateStore(st::checkpoint), tuning);
    raft.setClientAddresses("127.0.0.1:" + (20000 + Math.abs(id.hashCode() % 10000)), "");
    return this;
  }

  boolean running() {
    return raft != null;
  }

  void stop() {
    if (raft == null) return;
    raft.close();
    loop.close();
    store.close();
    raft = null;
  }

  @Override
  public void close() {
    stop();
  }

  TestClient client() {
    return new TestClient(loop);
  }

  <T> T onLoop(Function<Engine, T> fn) {
    return loop.call(fn).join();
  }

  /** Every key of database {@code db} with its value and expiry, read from the store itself. */
  Map<String, String> dump(int db) {
    return onLoop(e -> {
      Map<String, String> out = new TreeMap<>();
      byte[] after = null;
      while (true) {
        List<byte[]> keys = e.node().store().keysAfter(db, after, 500);
        if (keys.isEmpty()) break;
        for (byte[] k : keys) {
          StoredValue v = e.node().store().get(db, k);
          out.put(new String(k, StandardCharsets.UTF_8),
              new String(v.data(), StandardCharsets.UTF_8) + "@" + v.expireAt());
        }
        after = keys.get(keys.size() - 1);
      }
      return out;
    });
  }

  long appliedIndex() {
    return onLoop(e -> raft.applier().applied().index());
  }
}
