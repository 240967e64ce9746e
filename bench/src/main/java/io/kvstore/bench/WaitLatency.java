package io.kvstore.bench;

import java.util.Arrays;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import redis.clients.jedis.Jedis;

/**
 * The latency of a write that replicas acknowledged: one client, unpipelined, {@code SET} then
 * {@code WAIT numreplicas timeout}, as an application that needs a write on N replicas does.
 * Records SET, WAIT and the pair (microseconds) and counts WAITs that returned fewer replicas
 * than asked (timed out).
 *
 * <p>Usage: {@code WaitLatency port [requests=20000] [replicas=1] [timeoutMs=100]
 * [warmup=2000] [valueSize=100]}; prints one line of {@code name=value} pairs.
 */
public final class WaitLatency {
  private WaitLatency() {}

  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: WaitLatency port [requests] [replicas] [timeoutMs] [warmup] [valueSize]");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    int requests = arg(args, 1, 20_000);
    int replicas = arg(args, 2, 1);
    int timeoutMs = arg(args, 3, 100);
    int warmup = arg(args, 4, 2_000);
    int valueSize = arg(args, 5, 100);
    byte[] value = new byte[valueSize];
    Arrays.fill(value, (byte) 'v');

    Histogram set = new Histogram(60_000_000L, 3);
    Histogram wait = new Histogram(60_000_000L, 3);
    Histogram both = new Histogram(60_000_000L, 3);
    long timeouts = 0;
    try (Jedis j = new Jedis("127.0.0.1", port, 30_000)) {
      for (int i = 0; i < warmup + requests; i++) {
        byte[] key = ("wait:" + (i % 100_000)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long t0 = System.nanoTime();
        j.set(key, value);
        long t1 = System.nanoTime();
        long acked = j.waitReplicas(replicas, timeoutMs);
        long t2 = System.nanoTime();
        if (i < warmup) continue;
        set.recordValue(Math.max(1, (t1 - t0) / 1000));
        wait.recordValue(Math.max(1, (t2 - t1) / 1000));
        both.recordValue(Math.max(1, (t2 - t0) / 1000));
        if (acked < replicas) timeouts++;
      }
    }
    System.out.println(String.format(Locale.ROOT,
        "requests=%d p50_us=%d p99_us=%d max_us=%d set_p50_us=%d wait_p50_us=%d wait_p99_us=%d"
            + " timeouts=%d",
        requests, both.getValueAtPercentile(50), both.getValueAtPercentile(99),
        both.getMaxValue(), set.getValueAtPercentile(50), wait.getValueAtPercentile(50),
        wait.getValueAtPercentile(99), timeouts));
  }

  static int arg(String[] args, int i, int dflt) {
    return args.length > i ? Integer.parseInt(args[i]) : dflt;
  }
}
