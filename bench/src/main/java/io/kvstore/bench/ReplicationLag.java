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
 * <p>Bytes: every 10 ms, the replicas' {@code slave_repl_offset}, the master's
 * {@code master_repl_offset}, and the replicas' offsets again. The master's offset minus the
 * smallest replica offset read before it is an upper bound of the lag at that moment (the
 * master advanced while answering), minus the one read after it a lower bound (the replicas
 * advanced meanwhile; a server that answers INFO late, e.g. after a group commit, pushes this
 * one towards zero). Both are reported. Milliseconds: every 20 ms a probe value is SET on the master and, once the master
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

    Histogram lower = new Histogram(3);
    Histogram upper = new Histogram(3);
    Histogram micros = new Histogram(3_600_000_000L, 3);
    Thread sampler = new Thread(() -> sampleBytes(masterPort, replicaPorts, stop, lower, upper));
    sampler.start();
    probe(masterPort, replicaPorts, stop, micros);
    sampler.join();
    System.out.println(String.format(Locale.ROOT,
        "samples=%d bytes_lo_p50=%d bytes_lo_p99=%d bytes_lo_max=%d bytes_hi_p50=%d"
            + " bytes_hi_p99=%d bytes_hi_max=%d probes=%d ms_p50=%.2f ms_p99=%.2f ms_max=%.2f",
        upper.getTotalCount(), lower.getValueAtPercentile(50), lower.getValueAtPercentile(99),
        lower.getMaxValue(), upper.getValueAtPercentile(50), upper.getValueAtPercentile(99),
        upper.getMaxValue(), micros.getTotalCount(), micros.getValueAtPercentile(50) / 1000.0,
        micros.getValueAtPercentile(99) / 1000.0, micros.getMaxValue() / 1000.0));
  }

  private static void sampleBytes(int masterPort, List<Integer> replicaPorts, Path stop,
      Histogram lower, Histogram upper) {
    List<Jedis> replicas = new ArrayList<>();
    try (Jedis master = new Jedis("127.0.0.1", masterPort, 30_000)) {
      for (int p : replicaPorts) replicas.add(new Jedis("127.0.0.1", p, 30_000));
      while (!Files.exists(stop)) {
        long before = minReplicaOffset(replicas);
        long m = field(master.info("replication"), "master_repl_offset");
        long after = minReplicaOffset(replicas);
        upper.recordValue(Math.max(0, m - before));
        lower.recordValue(Math.max(0, m - after));
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      }
    } finally {
      replicas.forEach(Jedis::close);
    }
  }

  private static long minReplicaOffset(List<Jedis> replicas) {
    long min = Long.MAX_VALUE;
    for (Jedis r : replicas) min = Math.min(min, field(r.info("replication"), "slave_repl_offset"));
    return min;
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
