package io.kvstore.persistence;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * Opens the RocksDB instance with its tuning and owns every native handle, closing them in the
 * order RocksDB requires (column families, then the database, then options and the cache).
 *
 * <p>Tuning, kept deliberately small: a shared LRU block cache with index and filter blocks in
 * it; bloom filters on the data family, in its SST files and its memtable (point lookups that
 * miss the store's value cache: a read of a key not used lately, and the read-before-write of
 * every new key); an 8 MB memtable for the data family rather than the 64 MB default, because
 * inserting into the memtable skiplist is the main cost of a write and a smaller one is
 * shallower and stays in the CPU caches (measured: about half the insert cost, and less total
 * CPU per write including the more frequent flushes); LZ4 on every level (measured against no
 * compression on L0/L1: the same write throughput, a quarter of the disk for 1M small values,
 * which otherwise sit uncompressed in L0 files after a flush); two background jobs; the WAL written on every commit rather than
 * buffered ({@code manual_wal_flush} off) so a killed process loses nothing; atomic flush, so the
 * data and metadata families are always flushed together and stay consistent even for writes
 * made without the WAL; memtable inserts hinted per 4-byte key prefix (the slot of data and
 * expiry keys), so the inserts of a batch sorted by key (see {@link BatchOrder}) resume the
 * skiplist search where the previous one ended instead of starting from the top.
 */
final class RocksHandles implements AutoCloseable {
  static final long BLOCK_CACHE_BYTES = 64L << 20;
  /** Memtable size of the data family; see the class comment. */
  static final long DATA_WRITE_BUFFER_BYTES = 8L << 20;
  private static final int LEVELS = 7;

  final RocksDB db;
  final ColumnFamilyHandle data;
  final ColumnFamilyHandle expires;
  final ColumnFamilyHandle meta;
  private final ColumnFamilyHandle defaultFamily;
  private final DBOptions dbOptions;
  private final List<ColumnFamilyOptions> familyOptions;
  private final LRUCache cache;
  private final BloomFilter bloom;

  private RocksHandles(RocksDB db, List<ColumnFamilyHandle> handles, DBOptions dbOptions,
      List<ColumnFamilyOptions> familyOptions, LRUCache cache, BloomFilter bloom) {
    this.db = db;
    this.defaultFamily = handles.get(0);
    this.data = handles.get(1);
    this.expires = handles.get(2);
    this.meta = handles.get(3);
    this.dbOptions = dbOptions;
    this.familyOptions = familyOptions;
    this.cache = cache;
    this.bloom = bloom;
  }

  static RocksHandles open(Path dir) throws RocksDBException {
    RocksDB.loadLibrary();
    LRUCache cache = new LRUCache(BLOCK_CACHE_BYTES);
    BloomFilter bloom = new BloomFilter(10, false);
    DBOptions dbOptions = new DBOptions()
        .setCreateIfMissing(true)
        .setCreateMissingColumnFamilies(true)
        .setMaxBackgroundJobs(2)
        .setManualWalFlush(false)
        .setAtomicFlush(true)
        .setBytesPerSync(1L << 20)
        .setMaxTotalWalSize(256L << 20)
        .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
        .setMaxLogFileSize(8L << 20)
        .setKeepLogFileNum(3);
    ColumnFamilyOptions dataOpts = family(cache, bloom)
        .setWriteBufferSize(DATA_WRITE_BUFFER_BYTES)
        .setMemtableWholeKeyFiltering(true)
        .setMemtablePrefixBloomSizeRatio(0.1);
    ColumnFamilyOptions plainOpts = family(cache, null);
    List<ColumnFamilyOptions> familyOptions = List.of(dataOpts, plainOpts);
    List<ColumnFamilyDescriptor> descriptors = List.of(
        new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, plainOpts),
        new ColumnFamilyDescriptor(name("data"), dataOpts),
        new ColumnFamilyDescriptor(name("expires"), plainOpts),
        new ColumnFamilyDescriptor(name("meta"), plainOpts));
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try {
      RocksDB db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
      return new RocksHandles(db, handles, dbOptions, familyOptions, cache, bloom);
    } catch (RocksDBException | RuntimeException e) {
      for (ColumnFamilyHandle h : handles) h.close();
      familyOptions.forEach(ColumnFamilyOptions::close);
      dbOptions.close();
      bloom.close();
      cache.close();
      throw e;
    }
  }

  private static ColumnFamilyOptions family(LRUCache cache, BloomFilter bloom) {
    BlockBasedTableConfig table = new BlockBasedTableConfig()
        .setBlockCache(cache)
        .setCacheIndexAndFilterBlocks(true)
        .setPinL0FilterAndIndexBlocksInCache(true);
    if (bloom != null) table.setFilterPolicy(bloom);
    Properties props = new Properties();
    // not settable through the Java API: from an options string (RocksDB returns null if rejected)
    props.setProperty("memtable_insert_with_hint_prefix_extractor",
        "rocksdb.FixedPrefix." + KeyCodec.SLOT_BYTES);
    ColumnFamilyOptions options = ColumnFamilyOptions.getColumnFamilyOptionsFromProps(props);
    if (options == null) throw new IllegalStateException("RocksDB rejected the memtable insert hint");
    return options
        .setTableFormatConfig(table)
        .setNumLevels(LEVELS)
        .setCompressionType(CompressionType.LZ4_COMPRESSION)
        .setLevelCompactionDynamicLevelBytes(true);
  }

  private static byte[] name(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * By column family id, the families where a later record of a key replaces every earlier one
   * (data and meta: puts and deletes), so a journal apply may keep only the last; not the
   * expiry index, whose single deletes must each meet their put (see BatchOrder#merged).
   */
  boolean[] lastWinsFamilies() {
    boolean[] w = new boolean[Math.max(data.getID(), meta.getID()) + 1];
    w[data.getID()] = true;
    w[meta.getID()] = true;
    return w;
  }

  List<ColumnFamilyHandle> families() {
    return List.of(data, expires, meta);
  }

  @Override
  public void close() {
    data.close();
    expires.close();
    meta.close();
    defaultFamily.close();
    db.close();
    familyOptions.forEach(ColumnFamilyOptions::close);
    dbOptions.close();
    bloom.close();
    cache.close();
  }
}
