package io.kvstore.bench.workload;

import io.kvstore.bench.client.Request;
import io.kvstore.bench.history.OpType;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * YCSB core workloads A (50% reads, 50% updates), B (95/5) and C (read only) on a preloaded
 * keyspace of string records, keys drawn from a scrambled Zipfian distribution (hot keys spread
 * over the keyspace). Used for throughput and latency; its operations are not checked.
 */
public final class YcsbWorkload implements Workload {
  /** The YCSB mixes this benchmark runs. */
  public enum Mix {
    A(50), B(95), C(100);

    final int readPercent;

    Mix(int readPercent) {
      this.readPercent = readPercent;
    }

    public static Mix parse(String s) {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
  }

  private final Mix mix;
  private final int records;
  private final Zipfian zipf;
  private final String value;

  public YcsbWorkload(Mix mix, int records, int valueSize) {
    this.mix = mix;
    this.records = records;
    this.zipf = new Zipfian(records, Zipfian.YCSB_THETA);
    char[] v = new char[valueSize];
    Arrays.fill(v, 'x');
    this.value = new String(v);
  }

  @Override
  public String name() {
    return "ycsb-" + mix.name().toLowerCase(Locale.ROOT);
  }

  public int records() {
    return records;
  }

  public String value() {
    return value;
  }

  public static String key(long i) {
    return "y:" + i;
  }

  @Override
  public Request next(SplittableRandom rng, Memory memory) {
    long k = scramble(zipf.next(rng)) % records;
    String key = key(k);
    if (rng.nextInt(100) < mix.readPercent) {
      return new Request(Request.Family.KV, OpType.READ, key, key, null, null);
    }
    return new Request(Request.Family.KV, OpType.WRITE, key, key, value, null);
  }

  /** FNV-1a over the rank's bytes, so hot ranks land anywhere in the keyspace. */
  static long scramble(long v) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < 8; i++) {
      h ^= (v >>> (i * 8)) & 0xff;
      h *= 0x100000001b3L;
    }
    return h & Long.MAX_VALUE;
  }
}
