package io.kvstore.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import redis.clients.jedis.Jedis;

/**
 * How far replicas trail their master while a load runs, until a stop file appears.
 *
 * <p>Bytes: every 10 ms, the master's {@code master_repl_offset} minus the smallest
 * {@code slave_repl_offset} of the replicas, read right after it (so slightly under the true
 * lag). Milliseconds: every 20 ms a probe value is SET on the master and, once the master
 * acknowledged it, GET is polled on every replica until all of them return it; the time from
 * the acknowledgement to the last replica seeing it is the lag.
 *
 * <p>Usage: {@code ReplicationLag masterPort stopFile replicaPort...}; prints one line of
 * {@code name=value} pairs.
 */
public final class ReplicationLag {
  private static final String PROBE = "__replication_lag_probe";

  private ReplicationLag() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: ReplicationLag masterPort stopFile replicaPort...");
      System.exit(2);
    }
    int masterPort = Integer.parseInt(args[0]);
    Path stop = Path.of(args[1]);
    List<Integer> replicaPorts = new ArrayList<>();
    for (int i = 2; i < args.length; i++) replicaPorts.add(Integer.parseInt(args[i]));

    Histogram bytes = new Histogram(3);
    Histogram micros = new Histogram(3_600_000_000L, 3);
    Thread sampler = new Thread(() -> sampleBytes(masterPort, replicaPorts, stop, bytes));
    sampler.start();
    probe(masterPort, replicaPorts, stop, micros);
    sampler.join();
    System.out.println(String.format(Locale.ROOT,
        "samples=%d bytes_p50=%d bytes_p99=%d bytes_max=%d probes=%d ms_p50=%.2f ms_p99=%.2f"
            + " ms_max=%.2f",
        bytes.getTotalCount(), bytes.getValueAtPercentile(50), bytes.getValueAtPercentile(99),
        bytes.getMaxValue(), micros.getTotalCount(), micros.getValueAtPercentile(50) / 1000.0,
        micros.getValueAtPercentile(99) / 1000.0, micros.getMaxValue() / 1000.0));
  }

  private static void sampleBytes(int masterPort, List<Integer> replicaPorts, Path stop,
      Histogram bytes) {
    List<Jedis> replicas = new ArrayList<>();
    try (Jedis master = new Jedis("127.0.0.1", masterPort, 30_000)) {
      for (int p : replicaPorts) replicas.add(new Jedis("127.0.0.1", p, 30_000));
      while (!Files.exists(stop)) {
        long m = field(master.info("replication"), "master_repl_offset");
        long min = Long.MAX_VALUE;
        for (Jedis r : replicas) min = Math.min(min, field(r.info("replication"), "slave_repl_offset"));
        bytes.recordValue(Math.max(0, m - min));
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      }
    } finally {
      replicas.forEach(Jedis::close);
    }
  }

  private static void probe(int masterPort, List<Integer> replicaPorts, Path stop,
      Histogram micros) {
    List<Jedis> replicas = new ArrayList<>();
    try (Jedis master = new Jedis("127.0.0.1", masterPort, 30_000)) {
      for (int p : replicaPorts) replicas.add(new Jedis("127.0.0.1", p, 30_000));
      for (long seq = 0; !Files.exists(stop); seq++) {
        String value = Long.toString(seq);
        master.set(PROBE, value);
        long t0 = System.nanoTime();
        for (Jedis r : replicas) {
          while (!value.equals(r.get(PROBE)) && !Files.exists(stop)) {
            LockSupport.parkNanos(100_000);
          }
        }
        if (Files.exists(stop)) break;
        micros.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      }
    } finally {
      replicas.forEach(Jedis::close);
    }
  }

  private static long field(String info, String name) {
    for (String line : info.split("\r?\n")) {
      if (line.startsWith(name + ":")) return Long.parseLong(line.substring(name.length() + 1).trim());
    }
    throw new IllegalStateException("no " + name + " in INFO replication");
  }
}
