package io.kvstore.core.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/** An in-memory {@link Store} for unit tests of the command engine; commit is a no-op. */
public final class MemoryStore implements Store {
  private final List<NavigableMap<byte[], StoredValue>> dbs = new ArrayList<>();
  private final List<TreeSet<Expiring>> expiries = new ArrayList<>();
  private final Map<String, byte[]> meta = new HashMap<>();

  private record Expiring(long at, byte[] key) {}

  private static int compareExpiring(Expiring a, Expiring b) {
    int c = Long.compare(a.at, b.at);
    return c != 0 ? c : Arrays.compareUnsigned(a.key, b.key);
  }

  public MemoryStore(int databases) {
    for (int i = 0; i < databases; i++) {
      dbs.add(new TreeMap<>(Arrays::compareUnsigned));
      expiries.add(new TreeSet<>(MemoryStore::compareExpiring));
    }
  }

  @Override
  public int databases() {
    return dbs.size();
  }

  @Override
  public StoredValue get(int db, byte[] key) {
    return dbs.get(db).get(key);
  }

  @Override
  public void put(int db, byte[] key, StoredValue value) {
    StoredValue old = dbs.get(db).put(key.clone(), value);
    if (old != null && old.hasExpiry()) expiries.get(db).remove(new Expiring(old.expireAt(), key));
    if (value.hasExpiry()) expiries.get(db).add(new Expiring(value.expireAt(), key.clone()));
  }

  @Override
  public boolean remove(int db, byte[] key) {
    StoredValue old = dbs.get(db).remove(key);
    if (old != null && old.hasExpiry()) expiries.get(db).remove(new Expiring(old.expireAt(), key));
    return old != null;
  }

  @Override
  public long size(int db) {
    return dbs.get(db).size();
  }

  @Override
  public long expiresCount(int db) {
    return expiries.get(db).size();
  }

  @Override
  public void clear(int db) {
    dbs.get(db).clear();
    expiries.get(db).clear();
  }

  @Override
  public void swap(int a, int b) {
    var d = dbs.get(a);
    dbs.set(a, dbs.get(b));
    dbs.set(b, d);
    var e = expiries.get(a);
    expiries.set(a, expiries.get(b));
    expiries.set(b, e);
  }

  @Override
  public List<byte[]> keysAfter(int db, byte[] after, int count) {
    var m = after == null ? dbs.get(db) : dbs.get(db).tailMap(after, false);
    List<byte[]> out = new ArrayList<>();
    for (byte[] k : m.keySet()) {
      if (out.size() >= count) break;
      out.add(k);
    }
    return out;
  }

  @Override
  public byte[] randomKey(int db, RandomGenerator random) {
    var m = dbs.get(db);
    if (m.isEmpty()) return null;
    int skip = random.nextInt(m.size());
    for (byte[] k : m.keySet()) if (skip-- == 0) return k;
    return m.firstKey();
  }

  @Override
  public List<byte[]> expiredKeys(int db, long nowMs, int limit) {
    List<byte[]> out = new ArrayList<>();
    for (Expiring e : expiries.get(db)) {
      if (e.at > nowMs || out.size() >= limit) break;
      out.add(e.key);
    }
    return out;
  }

  @Override
  public byte[] getMeta(String name) {
    return meta.get(name);
  }

  @Override
  public void putMeta(String name, byte[] value) {
    meta.put(name, value);
  }

  @Override
  public void commit() {}

  @Override
  public void close() {}
}
