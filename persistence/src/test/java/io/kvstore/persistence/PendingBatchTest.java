package io.kvstore.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteBatchWithIndex;

class PendingBatchTest {
  @TempDir Path dir;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void serializesExactlyAsRocksDbDoes() throws Exception {
    try (RocksHandles h = RocksHandles.open(dir)) {
      PendingBatch p = new PendingBatch();
      try (WriteBatch n = new WriteBatch()) {
        byte[] big = new byte[70_000]; // a length needing a three-byte varint
        big[5] = 7;
        p.put(h.data.getID(), b("a"), b("1"));
        n.put(h.data, b("a"), b("1"));
        p.put(0, b("plain"), big);
        n.put(b("plain"), big);
        p.putValue(h.data.getID(), 258, b("key"), (byte) 3, -1, b("payload"));
        byte[] value = new byte[9 + 7];
        value[0] = 3;
        KeyCodec.putLong(value, 1, -1);
        System.arraycopy(b("payload"), 0, value, 9, 7);
        n.put(h.data, KeyCodec.dataKey(258, b("key")), value);
        p.delete(h.meta.getID(), b("gone"));
        n.delete(h.meta, b("gone"));
        p.delete(0, b("gone0"));
        n.delete(b("gone0"));
        p.singleDelete(h.expires.getID(), b("once"));
        n.singleDelete(h.expires, b("once"));
        p.singleDelete(0, b("once0"));
        n.singleDelete(b("once0"));
        p.put(h.meta.getID(), b("m"), new byte[0]);
        n.put(h.meta, b("m"), new byte[0]);
        assertThat(p.count()).isEqualTo(n.count()).isEqualTo(8);
        try (WriteBatch fromJava = p.toWriteBatch()) {
          assertThat(fromJava.data()).isEqualTo(n.data());
          assertThat(fromJava.count()).isEqualTo(8);
          assertThat(p.bytes()).isEqualTo(n.data().length);
        }
      }
    }
  }

  @Test
  void aSerializedBatchWritesAndIndexesLikeTheNativeOne() throws Exception {
    try (RocksHandles h = RocksHandles.open(dir)) {
      ColumnFamilyHandle[] byId = new ColumnFamilyHandle[8];
      for (ColumnFamilyHandle cf : h.families()) byId[cf.getID()] = cf;
      h.db.put(h.data, b("old"), b("x"));
      PendingBatch p = new PendingBatch();
      p.put(h.data.getID(), b("k1"), b("v1"));
      p.delete(h.data.getID(), b("old"));
      try (WriteBatchWithIndex index = new WriteBatchWithIndex(true)) {
        p.indexInto(index, byId);
        assertThat(p.fullyIndexed()).isTrue();
        p.put(h.data.getID(), b("k0"), b("v0"));
        assertThat(p.fullyIndexed()).isFalse();
        p.indexInto(index, byId); // only the new record is added
        assertThat(keys(h.db, index, h.data)).containsExactly("k0", "k1");
        assertThat(index.count()).isEqualTo(3);
      }
      try (WriteBatch wb = p.toWriteBatch(); org.rocksdb.WriteOptions wo = new org.rocksdb.WriteOptions()) {
        h.db.write(wo, wb);
      }
      assertThat(h.db.get(h.data, b("k1"))).isEqualTo(b("v1"));
      assertThat(h.db.get(h.data, b("old"))).isNull();
      p.clear();
      assertThat(p.count()).isZero();
      p.put(h.data.getID(), b("after"), b("clear"));
      try (WriteBatch wb = p.toWriteBatch()) {
        assertThat(wb.count()).isEqualTo(1);
      }
    }
  }

  private static List<String> keys(RocksDB db, WriteBatchWithIndex index, ColumnFamilyHandle cf) {
    List<String> out = new ArrayList<>();
    try (RocksIterator it = index.newIteratorWithBase(cf, db.newIterator(cf))) {
      for (it.seekToFirst(); it.isValid(); it.next()) out.add(new String(it.key(), StandardCharsets.UTF_8));
    }
    return out;
  }
}
