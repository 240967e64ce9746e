package io.kvstore.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

class BatchOrderTest {
  @TempDir Path dir;

  @BeforeAll
  static void loadRocksDb() {
    RocksDB.loadLibrary();
  }

  /** One parsed record: tag, column family, key, value (null for deletes). */
  private record Rec(byte tag, int cf, byte[] key, byte[] value) {
    @Override
    public String toString() {
      return tag + "/" + cf + "/" + Arrays.toString(key) + "=" + Arrays.toString(value);
    }
  }

  /** Parses a serialized batch independently of the code under test. */
  private static List<Rec> parse(byte[] b) {
    int count = (b[8] & 0xff) | (b[9] & 0xff) << 8 | (b[10] & 0xff) << 16 | (b[11] & 0xff) << 24;
    List<Rec> out = new ArrayList<>();
    int[] p = {12};
    while (p[0] < b.length) {
      byte tag = b[p[0]++];
      int cf = 0;
      if (tag == 0x4 || tag == 0x5 || tag == 0x8) cf = varint(b, p);
      int keyLen = varint(b, p);
      byte[] key = Arrays.copyOfRange(b, p[0], p[0] + keyLen);
      p[0] += keyLen;
      byte[] value = null;
      if (tag == 0x1 || tag == 0x5) {
        int valueLen = varint(b, p);
        value = Arrays.copyOfRange(b, p[0], p[0] + valueLen);
        p[0] += valueLen;
      }
      out.add(new Rec(tag, cf, key, value));
    }
    assertThat(out).hasSize(count);
    return out;
  }

  private static int varint(byte[] b, int[] p) {
    int v = 0;
    for (int shift = 0; ; shift += 7) {
      byte x = b[p[0]++];
      v |= (x & 0x7f) << shift;
      if (x >= 0) return v;
    }
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Keys chosen to make comparisons hard: shared prefixes, prefixes of each other, zero and high bytes. */
  private static byte[] randomKey(SplittableRandom r) {
    String[] stems = {"", "k", "user:000000", "user:0000001", "a\u0000", "\u00ff"};
    byte[] stem = b(stems[r.nextInt(stems.length)]);
    byte[] k = Arrays.copyOf(stem, stem.length + r.nextInt(11));
    for (int i = stem.length; i < k.length; i++) {
      int pick = r.nextInt(4);
      k[i] = pick == 0 ? 0 : pick == 1 ? (byte) 0xff : (byte) ('0' + r.nextInt(3));
    }
    return k;
  }

  private static PendingBatch randomBatch(SplittableRandom r, int records, int[] families) {
    PendingBatch p = new PendingBatch();
    List<byte[]> used = new ArrayList<>();
    for (int i = 0; i < records; i++) {
      int cf = families[r.nextInt(families.length)];
      byte[] key = !used.isEmpty() && r.nextInt(3) == 0 ? used.get(r.nextInt(used.size())) : randomKey(r);
      used.add(key);
      switch (r.nextInt(4)) {
        case 0 -> p.delete(cf, key);
        case 1 -> p.singleDelete(cf, key);
        case 2 -> p.putValue(cf, r.nextInt(3), key, (byte) 0, -1, b("v" + i));
        default -> p.put(cf, key, b("v" + i));
      }
    }
    return p;
  }

  private static byte[] unsorted(PendingBatch p) {
    try (WriteBatch wb = p.toWriteBatch()) {
      return wb.data();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void recordsAreStablySortedByFamilyThenUnsignedKey() {
    SplittableRandom r = new SplittableRandom(7);
    for (int round = 0; round < 300; round++) {
      int records = round < 50 ? round : 1 + r.nextInt(400);
      PendingBatch p = randomBatch(r, records, new int[] {0, 1, 2, 3, 40, 300});
      List<Rec> expected = new ArrayList<>(parse(unsorted(p)));
      // List.sort is stable: records of the same family and key keep their order
      expected.sort(Comparator.<Rec>comparingInt(Rec::cf)
          .thenComparing(Rec::key, Arrays::compareUnsigned));
      byte[] sorted = BatchOrder.sorted(unsorted(p), p.bytes(), p.count());
      assertThat(sorted).hasSize(p.bytes());
      assertThat(parse(sorted)).usingElementComparator(BatchOrderTest::sameRecord)
          .as("round %d", round).containsExactlyElementsOf(expected);
    }
  }

  private static int sameRecord(Rec a, Rec b) {
    boolean same = a.tag() == b.tag() && a.cf() == b.cf() && Arrays.equals(a.key(), b.key())
        && Arrays.equals(a.value(), b.value());
    return same ? 0 : 1;
  }

  @Test
  void anAlreadySortedBatchComesOutUnchanged() {
    PendingBatch p = new PendingBatch();
    p.put(1, b("a"), b("1"));
    p.put(1, b("a"), b("2"));
    p.delete(1, b("b"));
    p.put(2, b("a"), b("3"));
    byte[] in = unsorted(p);
    assertThat(BatchOrder.sorted(in, p.bytes(), p.count())).isEqualTo(in);
  }

  /** The point of the stable sort: writing the sorted batch leaves the database exactly as the original. */
  @Test
  void theSortedBatchHasTheSameEffect() throws Exception {
    SplittableRandom r = new SplittableRandom(11);
    try (RocksHandles plain = RocksHandles.open(dir.resolve("plain"));
        RocksHandles sorted = RocksHandles.open(dir.resolve("sorted"));
        WriteOptions wo = new WriteOptions()) {
      int[] families = {plain.data.getID(), plain.expires.getID(), plain.meta.getID()};
      for (int round = 0; round < 40; round++) {
        // single deletes only where the key was put once since its last delete, as the store uses them
        PendingBatch p = new PendingBatch();
        for (int i = 0; i < 200; i++) {
          int cf = families[r.nextInt(families.length)];
          if (cf == families[1]) {
            byte[] key = b("x" + r.nextInt(1000) + ":" + round + ":" + i); // unique: put once
            p.put(cf, key, new byte[0]);
            if (r.nextBoolean()) p.singleDelete(cf, key);
            continue;
          }
          byte[] key = randomKey(r);
          if (r.nextInt(4) == 0) p.delete(cf, key);
          else p.put(cf, key, b("r" + round + "i" + i));
        }
        assertThat(BatchOrder.sorted(unsorted(p), p.bytes(), p.count())).isNotEqualTo(unsorted(p));
        try (WriteBatch a = p.toWriteBatch(); WriteBatch s = p.toSortedWriteBatch()) {
          plain.db.write(wo, a);
          sorted.db.write(wo, s);
        }
      }
      for (int i = 0; i < 3; i++) {
        assertThat(contents(sorted, sorted.families().get(i)))
            .containsExactlyElementsOf(contents(plain, plain.families().get(i)));
      }
    }
  }

  /**
   * Several batches merged and coalesced (the journal's apply) leave the database exactly as
   * writing them one after the other: fewer records, the same contents.
   */
  @Test
  void mergedBatchesHaveTheEffectOfWritingThemInOrder() throws Exception {
    SplittableRandom r = new SplittableRandom(13);
    try (RocksHandles plain = RocksHandles.open(dir.resolve("plain"));
        RocksHandles merged = RocksHandles.open(dir.resolve("merged"));
        WriteOptions wo = new WriteOptions()) {
      int data = plain.data.getID();
      int expires = plain.expires.getID();
      int meta = plain.meta.getID();
      boolean[] lastWins = new boolean[8];
      lastWins[data] = true;
      lastWins[meta] = true;
      for (int round = 0; round < 20; round++) {
        List<byte[]> batches = new ArrayList<>();
        int records = 0;
        for (int n = 0; n < 1 + r.nextInt(6); n++) {
          PendingBatch p = new PendingBatch();
          for (int i = 0; i < 100; i++) {
            int pick = r.nextInt(5);
            if (pick == 0) {
              // an expiry entry: put once, maybe single-deleted later in the same batch
              byte[] key = b("x" + round + ":" + n + ":" + i);
              p.put(expires, key, new byte[0]);
              if (r.nextBoolean()) p.singleDelete(expires, key);
            } else {
              int cf = pick == 1 ? meta : data;
              byte[] key = b("k" + r.nextInt(30)); // few keys: most are written again
              if (r.nextInt(4) == 0) p.delete(cf, key);
              else p.put(cf, key, b("r" + round + "n" + n + "i" + i));
            }
          }
          records += p.count();
          batches.add(p.toBytes());
          try (WriteBatch wb = p.toWriteBatch()) {
            plain.db.write(wo, wb);
          }
        }
        byte[] m = BatchOrder.merged(batches, lastWins);
        assertThat(BatchOrder.recordCount(m)).isLessThan(records);
        assertThat(parse(m)).hasSize(BatchOrder.recordCount(m));
        try (WriteBatch wb = new WriteBatch(m)) {
          merged.db.write(wo, wb);
        }
      }
      for (int i = 0; i < 3; i++) {
        assertThat(contents(merged, merged.families().get(i)))
            .containsExactlyElementsOf(contents(plain, plain.families().get(i)));
      }
    }
  }

  private static List<String> contents(RocksHandles h, ColumnFamilyHandle cf) {
    List<String> out = new ArrayList<>();
    try (RocksIterator it = h.db.newIterator(cf)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        out.add(Arrays.toString(it.key()) + "=" + Arrays.toString(it.value()));
      }
    }
    return out;
  }
}
