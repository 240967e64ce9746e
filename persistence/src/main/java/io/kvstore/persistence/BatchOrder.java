package io.kvstore.persistence;

import java.util.Arrays;
import java.util.List;

/**
 * Reorders a serialized write batch (see {@link PendingBatch} for the format) so its records
 * are grouped by column family and sorted by key, a stable sort: records of the same key keep
 * their relative order.
 *
 * <p>Why: inserting a record into a memtable is a skiplist search whose lower levels are cache
 * misses. The data family's memtable is opened with an insert hint per slot (see
 * {@link RocksHandles}): RocksDB then remembers where the previous insert landed and, when the
 * next key is near, searches again only the levels below the one that brackets it. Random keys
 * in write order gain nothing from that; the same keys sorted make consecutive inserts
 * neighbours. Measured on 100,000 random keys: about a third less time writing a batch of 8,000
 * (an MSET burst), little difference for a few hundred, the sort itself included.
 *
 * <p>Why it is safe: RocksDB gives the records of a batch consecutive sequence numbers in
 * batch order and applies the batch atomically (no reader sees part of it). For a given key
 * only the relative order of its own records matters (the latest wins; a single delete meets
 * the put before it), and a stable sort keeps exactly that. Records of different keys commute.
 */
final class BatchOrder {
  private static final int HEADER = 12;
  private static final int INSERTION_SORT_MAX = 12;
  /** Column family ids below this get a shared-prefix skip of their own (ours are 0 to 3). */
  private static final int FAMILIES = 16;

  private BatchOrder() {}

  /**
   * The records of {@code buf[HEADER, len)} (there are {@code count}) sorted as described, in
   * a new array with the header's count filled in and its sequence number zero.
   */
  static byte[] sorted(byte[] buf, int len, int count) {
    return sorted(buf, len, count, null);
  }

  /**
   * The records of several serialized batches, in the order given, as one batch sorted as
   * {@link #sorted} does and coalesced: for the column families whose id is marked in
   * {@code lastWins}, only the last record of each key is kept (a put or delete there replaces
   * whatever came before; the expiry index's single deletes must each meet their put, so its
   * family is never marked).
   */
  static byte[] merged(List<byte[]> batches, boolean[] lastWins) {
    long total = HEADER;
    long count = 0;
    for (byte[] b : batches) {
      total += b.length - HEADER;
      count += recordCount(b);
    }
    if (total > Integer.MAX_VALUE - 8 || count > Integer.MAX_VALUE) {
      throw new IllegalStateException("batches over 2 GB");
    }
    byte[] buf = new byte[(int) total];
    int p = HEADER;
    for (byte[] b : batches) {
      System.arraycopy(b, HEADER, buf, p, b.length - HEADER);
      p += b.length - HEADER;
    }
    return sorted(buf, p, (int) count, lastWins);
  }

  /** The record count in a serialized batch's header. */
  static int recordCount(byte[] batch) {
    return (batch[8] & 0xff) | (batch[9] & 0xff) << 8 | (batch[10] & 0xff) << 16 | (batch[11] & 0xff) << 24;
  }

  private static byte[] sorted(byte[] buf, int len, int count, boolean[] lastWins) {
    int[] start = new int[count + 1];
    int[] cf = new int[count];
    int[] keyOff = new int[count];
    int[] keyLen = new int[count];
    int p = HEADER;
    for (int i = 0; i < count; i++) {
      start[i] = p;
      byte tag = buf[p++];
      long v;
      if (PendingBatch.hasFamily(tag)) {
        v = varint(buf, p);
        cf[i] = (int) (v >>> 32);
        p = (int) v;
      }
      v = varint(buf, p);
      keyLen[i] = (int) (v >>> 32);
      keyOff[i] = (int) v;
      p = keyOff[i] + keyLen[i];
      if (PendingBatch.hasValue(tag)) {
        v = varint(buf, p);
        p = (int) v + (int) (v >>> 32);
      }
    }
    if (p != len) throw new IllegalStateException("malformed batch: " + p + " != " + len);
    start[count] = len;
    long[] prefix = prefixes(buf, cf, keyOff, keyLen);
    int[] order = new int[count];
    for (int i = 0; i < count; i++) order[i] = i;
    Ranking r = new Ranking(buf, cf, prefix, keyOff, keyLen);
    if (!r.alreadySorted(order)) mergeSort(order, new int[count], 0, count, r);
    byte[] out = new byte[len];
    int q = HEADER;
    int kept = 0;
    for (int k = 0; k < count; k++) {
      int i = order[k];
      if (lastWins != null && k + 1 < count && supersededBy(i, order[k + 1], lastWins, r)) continue;
      int n = start[i + 1] - start[i];
      System.arraycopy(buf, start[i], out, q, n);
      q += n;
      kept++;
    }
    PendingBatch.writeHeader(out, kept);
    return q == len ? out : Arrays.copyOf(out, q);
  }

  /** Whether record {@code i} is followed by {@code next} of the same key in a last-wins family. */
  private static boolean supersededBy(int i, int next, boolean[] lastWins, Ranking r) {
    int f = r.cf[i];
    return f >= 0 && f < lastWins.length && lastWins[f] && r.compare(i, next) == 0;
  }

  /** A varint32 at {@code p}: its value in the high half, the position after it in the low. */
  private static long varint(byte[] buf, int p) {
    int v = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = buf[p++];
      v |= (b & 0x7f) << shift;
      if (b >= 0) return (long) v << 32 | p;
    }
  }

  /**
   * For each record, eight key bytes (big-endian, zero-padded) starting where the keys of its
   * column family stop sharing a prefix: most comparisons are then decided by one long
   * comparison (keys such as {@code user:000123} share their first bytes).
   */
  private static long[] prefixes(byte[] buf, int[] cf, int[] keyOff, int[] keyLen) {
    int n = cf.length;
    int[] first = new int[FAMILIES]; // a record of the family (-1: none yet)
    int[] shared = new int[FAMILIES]; // bytes every key of the family seen so far starts with
    Arrays.fill(first, -1);
    for (int i = 0; i < n; i++) {
      int f = cf[i];
      if (f < 0 || f >= FAMILIES) continue;
      int o = first[f];
      if (o < 0) {
        first[f] = i;
        shared[f] = keyLen[i];
      } else {
        int m = Arrays.mismatch(buf, keyOff[o], keyOff[o] + shared[f], buf, keyOff[i], keyOff[i] + keyLen[i]);
        if (m >= 0) shared[f] = m;
      }
    }
    long[] prefix = new long[n];
    for (int i = 0; i < n; i++) {
      int q = keyOff[i] + (cf[i] >= 0 && cf[i] < FAMILIES ? shared[cf[i]] : 0);
      int end = keyOff[i] + keyLen[i];
      long p = 0;
      for (int j = 0; j < 8; j++, q++) p = p << 8 | (q < end ? buf[q] & 0xff : 0);
      prefix[i] = p;
    }
    return prefix;
  }

  /** Stable merge sort of {@code a[from, to)}, {@code tmp} as scratch. */
  private static void mergeSort(int[] a, int[] tmp, int from, int to, Ranking r) {
    if (to - from <= INSERTION_SORT_MAX) {
      for (int i = from + 1; i < to; i++) {
        int x = a[i];
        int j = i - 1;
        while (j >= from && r.compare(a[j], x) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = x;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(a, tmp, from, mid, r);
    mergeSort(a, tmp, mid, to, r);
    if (r.compare(a[mid - 1], a[mid]) <= 0) return;
    System.arraycopy(a, from, tmp, from, to - from);
    int i = from;
    int j = mid;
    for (int k = from; k < to; k++) {
      if (j >= to || (i < mid && r.compare(tmp[i], tmp[j]) <= 0)) a[k] = tmp[i++];
      else a[k] = tmp[j++];
    }
  }

  /** Orders records by column family, then key bytes (unsigned, as RocksDB's default comparator). */
  private static final class Ranking {
    private final byte[] buf;
    private final int[] cf;
    private final long[] prefix;
    private final int[] keyOff;
    private final int[] keyLen;

    Ranking(byte[] buf, int[] cf, long[] prefix, int[] keyOff, int[] keyLen) {
      this.buf = buf;
      this.cf = cf;
      this.prefix = prefix;
      this.keyOff = keyOff;
      this.keyLen = keyLen;
    }

    int compare(int x, int y) {
      if (cf[x] != cf[y]) return Integer.compare(cf[x], cf[y]);
      if (prefix[x] != prefix[y]) return Long.compareUnsigned(prefix[x], prefix[y]);
      return Arrays.compareUnsigned(buf, keyOff[x], keyOff[x] + keyLen[x],
          buf, keyOff[y], keyOff[y] + keyLen[y]);
    }

    boolean alreadySorted(int[] order) {
      for (int i = 1; i < order.length; i++) {
        if (compare(order[i - 1], order[i]) > 0) return false;
      }
      return true;
    }
  }
}
