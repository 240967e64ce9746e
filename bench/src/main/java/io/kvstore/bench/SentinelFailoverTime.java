package io.kvstore.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisSentinelPool;

/**
 * Failover time as a Sentinel-aware client sees it: a JedisSentinelPool writes in a tight loop,
 * the master is killed (the given command, e.g. {@code kill -9 <pid>}), and the time from the
 * kill to the first write acknowledged by a different master is measured. Also reported: when
 * the pool learned the new master (the sentinels' +switch-master), and how many writes failed
 * in between.
 *
 * <p>Usage: {@code SentinelFailoverTime sentinelPort[,sentinelPort...] masterName kill-command...};
 * prints one line {@code failover_ms=.. switch_ms=.. failed_writes=.. old=ip:port new=ip:port}
 * ({@code failover_ms=timeout} after 120 s).
 */
public final class SentinelFailoverTime {
  private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(120);

  private SentinelFailoverTime() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: SentinelFailoverTime sentinelPort[,...] masterName kill-command...");
      System.exit(2);
    }
    Set<String> sentinels = new HashSet<>();
    for (String p : args[0].split(",")) sentinels.add("127.0.0.1:" + p);
    String name = args[1];
    List<String> kill = new ArrayList<>(List.of(args).subList(2, args.length));
    GenericObjectPoolConfig<Jedis> cfg = new GenericObjectPoolConfig<>();
    cfg.setMaxTotal(2);
    try (JedisSentinelPool pool = new JedisSentinelPool(name, sentinels, cfg, 1000)) {
      for (int i = 0; i < 500; i++) {
        try (Jedis j = pool.getResource()) {
          j.set("failover-probe", Integer.toString(i));
        }
      }
      HostAndPort old = pool.getCurrentHostMaster();
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder(kill).inheritIO().start();
      if (p.waitFor() != 0) throw new IllegalStateException("kill command failed: " + kill);
      long switched = 0;
      long failed = 0;
      long i = 0;
      while (true) {
        long now = System.nanoTime();
        if (now - t0 > TIMEOUT_NS) {
          System.out.println("failover_ms=timeout switch_ms=" + ms(switched, t0)
              + " failed_writes=" + failed + " old=" + old + " new=-");
          return;
        }
        HostAndPort current = pool.getCurrentHostMaster();
        if (switched == 0 && !current.equals(old)) switched = System.nanoTime();
        try (Jedis j = pool.getResource()) {
          j.set("failover-probe", Long.toString(i++));
          if (!current.equals(old)) {
            long done = System.nanoTime();
            System.out.println("failover_ms=" + ms(done, t0) + " switch_ms=" + ms(switched, t0)
                + " failed_writes=" + failed + " old=" + old + " new=" + current);
            return;
          }
        } catch (RuntimeException e) {
          failed++;
          Thread.sleep(1);
        }
      }
    }
  }

  private static String ms(long at, long t0) {
    return at == 0 ? "-" : String.format(Locale.ROOT, "%.0f", (at - t0) / 1e6);
  }
}
