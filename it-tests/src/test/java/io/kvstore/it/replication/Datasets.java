package io.kvstore.it.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Writes varied string datasets and compares two servers' datasets key by key: every database,
 * binary-safe keys and values, the absolute expire time (Redis 7.0 replicates absolute times,
 * so they must be equal) and PTTL within a tolerance (the two servers are read moments apart).
 */
final class Datasets {
  static final int DATABASES = 16;
  /** PTTLs are read on the two servers at different moments; TTLs used here are >= 1000 s. */
  static final long PTTL_TOLERANCE_MS = 10_000;

  private Datasets() {}

  /** One key's state: value (bytes as ISO-8859-1), PEXPIRETIME and PTTL. */
  record Entry(String value, long expireAt, long pttl) {}

  /** db → key → entry, keys as ISO-8859-1 strings (lossless for any bytes). */
  static Map<Integer, Map<String, Entry>> snapshot(Node node) {
    Map<Integer, Map<String, Entry>> all = new TreeMap<>();
    try (Jedis j = node.jedis()) {
      for (int db = 0; db < DATABASES; db++) {
        j.select(db);
        List<byte[]> keys = new ArrayList<>();
        byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
        ScanParams params = new ScanParams().count(1000);
        do {
          ScanResult<byte[]> page = j.scan(cursor, params);
          keys.addAll(page.getResult());
          cursor = page.getCursorAsBytes();
        } while (!"0".equals(new String(cursor, StandardCharsets.US_ASCII)));
        Map<String, Entry> entries = new TreeMap<>();
        for (int from = 0; from < keys.size(); from += 1000) {
          List<byte[]> chunk = keys.subList(from, Math.min(keys.size(), from + 1000));
          Pipeline p = j.pipelined();
          List<Response<byte[]>> values = new ArrayList<>();
          List<Response<Long>> expires = new ArrayList<>();
          List<Response<Long>> ttls = new ArrayList<>();
          for (byte[] k : chunk) {
            values.add(p.get(k));
            expires.add(p.pexpireTime(k));
            ttls.add(p.pttl(k));
          }
          p.sync();
          for (int i = 0; i < chunk.size(); i++) {
            byte[] v = values.get(i).get();
            entries.put(latin1(chunk.get(i)), new Entry(v == null ? null : latin1(v),
                expires.get(i).get(), ttls.get(i).get()));
          }
        }
        if (!entries.isEmpty()) all.put(db, entries);
      }
    }
    return all;
  }

  /** The replica's dataset equals the master's (read first); DBSIZE agrees in every db. */
  static void assertSame(Node master, Node replica) {
    Map<Integer, Map<String, Entry>> m = snapshot(master);
    Map<Integer, Map<String, Entry>> r = snapshot(replica);
    assertThat(r.keySet()).as("non-empty databases of %s vs %s", replica, master)
        .isEqualTo(m.keySet());
    int keys = 0;
    for (Map.Entry<Integer, Map<String, Entry>> db : m.entrySet()) {
      Map<String, Entry> me = db.getValue();
      Map<String, Entry> re = r.get(db.getKey());
      assertThat(re.keySet()).as("keys of db %d on %s vs %s", db.getKey(), replica, master)
          .containsExactlyInAnyOrderElementsOf(me.keySet());
      for (Map.Entry<String, Entry> e : me.entrySet()) {
        Entry a = e.getValue();
        Entry b = re.get(e.getKey());
        String what = "db " + db.getKey() + " key " + printable(e.getKey());
        assertThat(b.value()).as(what + " value").isEqualTo(a.value());
        assertThat(b.expireAt()).as(what + " PEXPIRETIME").isEqualTo(a.expireAt());
        if (a.pttl() < 0 || b.pttl() < 0) {
          assertThat(b.pttl()).as(what + " PTTL").isEqualTo(a.pttl());
        } else {
          assertThat(b.pttl()).as(what + " PTTL").isBetween(a.pttl() - PTTL_TOLERANCE_MS,
              a.pttl() + PTTL_TOLERANCE_MS);
        }
      }
      keys += me.size();
    }
    try (Jedis jm = master.jedis(); Jedis jr = replica.jedis()) {
      for (int db = 0; db < DATABASES; db++) {
        jm.select(db);
        jr.select(db);
        assertThat(jr.dbSize()).as("DBSIZE of db %d on %s", db, replica).isEqualTo(jm.dbSize());
      }
    }
    assertThat(keys).as("keys compared").isPositive();
  }

  /**
   * A varied initial dataset in dbs 0, 3 and 15: integers (RDB int encodings), compressible
   * and incompressible values (LZF), binary keys and values, a large value, TTLs.
   */
  static void load(Node node, int keys) {
    Random rnd = new Random(42);
    try (Jedis j = node.jedis()) {
      Pipeline p = j.pipelined();
      for (int i = 0; i < keys; i++) {
        byte[] key = ("k:" + i).getBytes(StandardCharsets.US_ASCII);
        byte[] value;
        switch (i % 8) {
          case 0: value = Long.toString(i * 7919L - 50_000).getBytes(StandardCharsets.US_ASCII); break;
          case 1: value = "x".repeat(100 + i % 2000).getBytes(StandardCharsets.US_ASCII); break;
          case 2: value = randomBytes(rnd, 1 + i % 300); break;
          case 3: value = ("value-" + i).getBytes(StandardCharsets.US_ASCII); break;
          default: value = ("v" + i + ":" + "abc".repeat(i % 20)).getBytes(StandardCharsets.US_ASCII);
        }
        if (i % 10 == 0) {
          p.set(key, value, SetParams.setParams().ex(1000L + i));
        } else if (i % 10 == 5) {
          p.set(key, value, SetParams.setParams().px(2_000_000L + i));
        } else {
          p.set(key, value);
        }
      }
      for (String v : List.of("0", "-1", "9223372036854775807", "-9223372036854775808", "007",
          " 1", "1.5", "18446744073709551616", "")) {
        p.set("edge:" + v, v);
      }
      p.set(randomBytes(rnd, 16), randomBytes(rnd, 64));
      p.set("big".getBytes(StandardCharsets.US_ASCII), randomBytes(rnd, 200_000));
      p.set("bigzip", "z".repeat(300_000));
      p.sync();
      j.select(3);
      p = j.pipelined();
      for (int i = 0; i < 200; i++) p.set("db3:" + i, Integer.toString(i));
      p.sync();
      j.select(15);
      p = j.pipelined();
      for (int i = 0; i < 50; i++) p.setex("db15:" + i, 5000 + i, "v" + i);
      p.sync();
    }
  }

  /**
   * Live writes of most write kinds in several dbs, named by {@code tag} so repeated calls
   * write new keys: SET (with options), INCR family, APPEND, SETRANGE, MSET, DEL, UNLINK,
   * EXPIRE family, PERSIST, GETEX, GETDEL, RENAME, MOVE, MULTI/EXEC, SWAPDB, FLUSHDB.
   */
  static void liveWrites(Node node, String tag) {
    try (Jedis j = node.jedis()) {
      j.set(tag + ":s", "v");
      j.set(tag + ":ex", "v", SetParams.setParams().ex(3000));
      j.setex(tag + ":setex", 4000, "v");
      j.psetex(tag + ":psetex", 4_000_000, "v");
      j.set(tag + ":exat", "v", SetParams.setParams().exAt(System.currentTimeMillis() / 1000 + 5000));
      j.incr(tag + ":n");
      j.incrBy(tag + ":n", 41);
      j.decr(tag + ":n");
      j.incrByFloat(tag + ":f", 1.5);
      j.incrByFloat(tag + ":f", 1e3);
      j.append(tag + ":s", "-appended");
      j.setrange(tag + ":r", 5, "range");
      j.mset(tag + ":m1", "1", tag + ":m2", "2", tag + ":m3", "3");
      j.del(tag + ":m1");
      j.unlink(tag + ":m2");
      j.set(tag + ":e", "v");
      j.expire(tag + ":e", 2500);
      j.set(tag + ":pe", "v");
      j.pexpireAt(tag + ":pe", System.currentTimeMillis() + 3_000_000);
      j.persist(tag + ":ex");
      j.getEx(tag + ":m3", redis.clients.jedis.params.GetExParams.getExParams().px(2_500_000));
      j.set(tag + ":gd", "v");
      j.getDel(tag + ":gd");
      j.set(tag + ":old", "renamed");
      j.rename(tag + ":old", tag + ":new");
      j.set(tag + ":mv", "moved");
      j.move(tag + ":mv", 4);
      j.incr("k:0");
      j.del("k:3");
      j.expire("k:4", 1500);
      Transaction t = j.multi();
      t.set(tag + ":tx1", "a");
      t.incr(tag + ":txn");
      t.del(tag + ":s");
      t.expire(tag + ":tx1", 3500);
      t.exec();
      j.select(5);
      j.set(tag + ":db5", "five");
      j.incr(tag + ":db5n");
      j.select(7);
      j.set(tag + ":db7", "gone");
      j.flushDB();
      j.select(8);
      j.set(tag + ":db8", "eight");
      j.swapDB(8, 9);
      j.select(0);
      j.set(tag + ":short", "v", SetParams.setParams().px(50));
      // The master expires it (on access or actively) and replicates a DEL: DBSIZE then agrees.
      Repl.await(tag + ":short expired on " + node).until(() -> !j.exists(tag + ":short"));
      j.set(tag + ":last", "1");
    }
  }

  /** {@code n} SETs and INCRs spread over dbs 0 and 2 (e.g. while a link is down). */
  static void burst(Node node, String tag, int n) {
    try (Jedis j = node.jedis()) {
      Pipeline p = j.pipelined();
      for (int i = 0; i < n; i++) {
        p.set(tag + ":" + i, "burst-" + i);
        if (i % 3 == 0) p.incr(tag + ":count");
        if (i % 50 == 0) p.expire(tag + ":" + i, 4000);
      }
      p.del("k:1");
      p.sync();
      j.select(2);
      j.set(tag + ":db2", "two");
    }
  }

  private static byte[] randomBytes(Random rnd, int n) {
    byte[] b = new byte[n];
    rnd.nextBytes(b);
    return b;
  }

  private static String latin1(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  private static String printable(String latin1) {
    StringBuilder sb = new StringBuilder();
    for (char c : latin1.toCharArray()) {
      if (c >= 0x20 && c < 0x7f) sb.append(c);
      else sb.append(String.format("\\x%02x", (int) c));
    }
    return sb.toString();
  }
}
