package io.kvstore.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.core.cmd.CommandTables;
import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.CommandSpec;
import io.kvstore.core.command.CommandTable;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.config.Config;
import io.kvstore.core.engine.ClientConnection;
import io.kvstore.core.engine.ClientSession;
import io.kvstore.core.engine.Effect;
import io.kvstore.core.engine.Engine;
import io.kvstore.core.engine.EngineLoop;
import io.kvstore.core.engine.ManualClock;
import io.kvstore.core.engine.Node;
import io.kvstore.core.keyspace.ActiveExpiry;
import io.kvstore.core.reply.Reply;
import io.kvstore.core.store.StoredValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;

/**
 * The command engine running on RocksDB: the standard command table (GET, DBSIZE... as far as
 * they exist) over a {@link RocksStore}, with explicit commits as the engine loop does them, and
 * once through the real {@link EngineLoop} to check that a reply is only released after its
 * write is durable. If the table has no SET yet, a minimal stand-in (PX only) is registered.
 */
class EngineOnRocksTest {
  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(1_700_000_000_000L);

  /** A node with its own session over a store; replies are rendered as compact text. */
  private final class Harness {
    final RocksStore store;
    final Node node;
    final Engine engine;
    final ClientSession session;
    final List<Effect> effects = new ArrayList<>();

    Harness(RocksStore store) {
      this.store = store;
      this.node = new Node(new Config(), clock, store, table(), new SplittableRandom(1));
      node.setEffectSink(effects::addAll);
      this.engine = new Engine(node);
      this.session = engine.open(ClientConnection.DISCARD);
    }

    String exec(String... words) {
      byte[][] argv = new byte[words.length][];
      for (int i = 0; i < words.length; i++) argv[i] = words[i].getBytes(StandardCharsets.UTF_8);
      return text(engine.execute(session, argv));
    }
  }

  static CommandTable table() {
    CommandTable t = CommandTables.standard();
    standIn(t, "set", -3, (ctx, a) -> {
      long at = a.size() == 5 && a.is(3, "PX") ? ctx.now() + a.longArg(4) : StoredValue.NO_EXPIRY;
      ctx.db().put(a.get(1), StoredValue.string(a.get(2), at));
      return Reply.OK;
    });
    return t;
  }

  private static void standIn(CommandTable t, String name, int arity, Command impl) {
    if (t.lookup(name) == null) t.register(CommandSpec.builder(name, arity, impl).build());
  }

  static String text(Reply r) {
    if (r instanceof Reply.Simple s) return "+" + s.text();
    if (r instanceof Reply.Error e) return "-" + e.text();
    if (r instanceof Reply.Int i) return ":" + i.value();
    if (r instanceof Reply.Bulk b) return "\"" + new String(b.value(), StandardCharsets.UTF_8) + "\"";
    if (r instanceof Reply.NullBulk) return "(nil)";
    if (r instanceof Reply.Array a) {
      return a.items().stream().map(EngineOnRocksTest::text).collect(Collectors.joining(", ", "[", "]"));
    }
    return r.toString();
  }

  @Test
  void commandsRunOnRocksDbAndTheirEffectsSurviveRestart() {
    Path db = dir.resolve("db");
    Harness h = new Harness(RocksStore.open(db, 16, SyncPolicy.ALWAYS));
    assertThat(h.exec("GET", "a")).isEqualTo("(nil)");
    assertThat(h.exec("SET", "a", "1")).isEqualTo("+OK");
    assertThat(h.exec("SET", "b", "2", "PX", "1000")).isEqualTo("+OK");
    assertThat(h.exec("GET", "a")).as("visible before commit").isEqualTo("\"1\"");
    assertThat(h.exec("DBSIZE")).isEqualTo(":2");
    h.store.commit();

    clock.advance(2000);
    assertThat(h.exec("GET", "b")).as("logically expired").isEqualTo("(nil)");
    assertThat(h.exec("DBSIZE")).as("expired key deleted on access").isEqualTo(":1");
    assertThat(h.effects).extracting(Effect::toString).anyMatch(e -> e.contains("DEL b"));
    assertThat(h.store.expiresCount(0)).isZero();

    assertThat(h.exec("SELECT", "1")).isEqualTo("+OK");
    assertThat(h.exec("SET", "c", "3")).isEqualTo("+OK");
    assertThat(h.exec("SWAPDB", "0", "1")).isEqualTo("+OK");
    assertThat(h.exec("GET", "a")).as("db 1 now holds the old db 0").isEqualTo("\"1\"");
    assertThat(h.exec("GET", "c")).isEqualTo("(nil)");
    assertThat(h.exec("DBSIZE")).isEqualTo(":1");
    assertThat(h.exec("FLUSHDB")).isEqualTo("+OK");
    assertThat(h.exec("DBSIZE")).isEqualTo(":0");
    assertThat(h.exec("GET", "a")).isEqualTo("(nil)");
    h.store.commit();
    h.store.close();

    Harness again = new Harness(RocksStore.open(db, 16, SyncPolicy.ALWAYS));
    try {
      assertThat(again.exec("GET", "c")).isEqualTo("\"3\"");
      assertThat(again.exec("DBSIZE")).isEqualTo(":1");
      assertThat(again.exec("SELECT", "1")).isEqualTo("+OK");
      assertThat(again.exec("DBSIZE")).isEqualTo(":0");
      assertThat(again.exec("GET", "a")).isEqualTo("(nil)");
    } finally {
      again.store.close();
    }
  }

  @Test
  void keyCommandsOnRocksDb() {
    Harness h = new Harness(RocksStore.open(dir.resolve("db"), 16, SyncPolicy.NO));
    try {
      for (String k : List.of("b", "a", "c", "d")) assertThat(h.exec("SET", k, "v")).isEqualTo("+OK");
      assertThat(h.exec("KEYS", "*")).isEqualTo("[\"a\", \"b\", \"c\", \"d\"]");
      assertThat(h.exec("DEL", "d", "zz")).isEqualTo(":1");
      assertThat(h.exec("EXPIRE", "a", "100")).isEqualTo(":1");
      assertThat(h.exec("TTL", "a")).isEqualTo(":100");
      assertThat(h.exec("EXISTS", "a", "b", "d")).isEqualTo(":2");
      h.store.commit();
      List<String> scanned = new ArrayList<>();
      String cursor = "0";
      do {
        Reply r = h.engine.execute(h.session, new byte[][] {b("SCAN"), b(cursor), b("COUNT"), b("2")});
        List<Reply> parts = ((Reply.Array) r).items();
        cursor = new String(((Reply.Bulk) parts.get(0)).value(), StandardCharsets.UTF_8);
        ((Reply.Array) parts.get(1)).items().forEach(x -> scanned.add(text(x)));
      } while (!cursor.equals("0"));
      assertThat(scanned).containsExactlyInAnyOrder("\"a\"", "\"b\"", "\"c\"");
      for (int i = 0; i < 30; i++) {
        assertThat(h.exec("RANDOMKEY")).isIn("\"a\"", "\"b\"", "\"c\"");
      }
      assertThat(h.exec("FLUSHALL")).isEqualTo("+OK");
      assertThat(h.exec("RANDOMKEY")).isEqualTo("(nil)");
      assertThat(h.exec("DBSIZE")).isEqualTo(":0");
    } finally {
      h.store.close();
    }
  }

  @Test
  void activeExpiryDeletesDueKeysFromTheRocksDbIndex() {
    Path db = dir.resolve("db");
    Harness h = new Harness(RocksStore.open(db, 16, SyncPolicy.NO));
    ActiveExpiry cycle = new ActiveExpiry(h.node);
    for (int i = 0; i < 100; i++) {
      assertThat(h.exec("SET", "k" + i, "v", "PX", Integer.toString(1000 + i))).isEqualTo("+OK");
    }
    assertThat(h.exec("SET", "forever", "v")).isEqualTo("+OK");
    h.store.commit();
    h.effects.clear();
    clock.advance(1049); // k0..k49 are due
    assertThat(cycle.runOnce(clock.millis())).isEqualTo(50);
    assertThat(h.effects).extracting(Effect::toString).hasSize(50).allMatch(e -> e.contains("DEL k"));
    assertThat(h.exec("DBSIZE")).isEqualTo(":51");
    h.store.commit();
    h.store.close();
    Harness again = new Harness(RocksStore.open(db, 16, SyncPolicy.NO));
    try {
      assertThat(again.store.expiresCount(0)).isEqualTo(50);
      clock.advance(1000);
      assertThat(new ActiveExpiry(again.node).runOnce(clock.millis())).isEqualTo(50);
      assertThat(again.exec("DBSIZE")).isEqualTo(":1");
      assertThat(again.store.expiresCount(0)).isZero();
    } finally {
      again.store.close();
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void engineLoopReleasesAReplyOnlyAfterItsWriteIsDurable() throws Exception {
    Path db = dir.resolve("db");
    RocksStore store = RocksStore.open(db, 16, SyncPolicy.ALWAYS);
    Node node = new Node(new Config(), clock, store, table(), new SplittableRandom(1));
    EngineLoop loop = new EngineLoop(new Engine(node), "test-engine");
    loop.start();
    try {
      ClientSession session = loop.call(e -> e.open(ClientConnection.DISCARD)).get();
      for (int i = 0; i < 20; i++) {
        byte[][] argv = {b("SET"), b("k" + i), b("v" + i)};
        Reply r = loop.call(e -> e.execute(session, argv)).get(10, TimeUnit.SECONDS);
        assertThat(text(r)).isEqualTo("+OK");
        assertThat(isDurable(db, 0, "k" + i, "v" + i)).as("k%d durable when its reply is released", i)
            .isTrue();
      }
      Reply size = loop.call(e -> e.execute(session, new byte[][] {b("DBSIZE")})).get();
      assertThat(text(size)).isEqualTo(":20");
    } finally {
      loop.close();
      store.close();
    }
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Whether a crash now would keep {@code key} = {@code value} (a plain string), read straight
   * from the directory with separate read-only RocksDB instances (which recover from their
   * WALs): the journal holds the write's exact record, or the database holds the value. A fresh
   * store's db N is slot N; its data family has id 1.
   */
  private static boolean isDurable(Path db, int slot, String key, String value) throws Exception {
    try (org.rocksdb.Options o = new org.rocksdb.Options();
        RocksDB journal = RocksDB.openReadOnly(o, db.resolve(RocksStore.JOURNAL_DIR).toString());
        org.rocksdb.RocksIterator it = journal.newIterator()) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        if (contains(it.value(), record(slot, key, value))) return true;
      }
    }
    List<ColumnFamilyDescriptor> cfs = List.of(
        new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY),
        new ColumnFamilyDescriptor(b("data")));
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try (DBOptions opts = new DBOptions();
        RocksDB ro = RocksDB.openReadOnly(opts, db.toString(), cfs, handles)) {
      try {
        byte[] raw = ro.get(handles.get(1), KeyCodec.dataKey(slot, b(key)));
        return raw != null && value.equals(new String(KeyCodec.decodeValue(raw).data(), StandardCharsets.UTF_8));
      } finally {
        handles.forEach(ColumnFamilyHandle::close);
      }
    }
  }

  /** The serialized batch record of a string put without expiry. */
  private static byte[] record(int slot, String key, String value) {
    PendingBatch p = new PendingBatch();
    p.putValue(1, slot, b(key), StoredValue.string(b(value), StoredValue.NO_EXPIRY).type().tag(),
        StoredValue.NO_EXPIRY, b(value));
    byte[] all = p.toBytes();
    return java.util.Arrays.copyOfRange(all, 12, all.length);
  }

  private static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
      return true;
    }
    return false;
  }
}
