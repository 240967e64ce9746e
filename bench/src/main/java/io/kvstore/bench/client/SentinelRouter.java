package io.kvstore.bench.client;

import io.kvstore.bench.cluster.Probe;
import java.util.List;
import java.util.function.Function;
import redis.clients.jedis.HostAndPort;

/**
 * Follows the master that Sentinel announces, as a Sentinel-aware client (Jedis's sentinel
 * pool, redis-py's Sentinel) does: a watcher asks the sentinels for the master's address every
 * {@code pollMs} and every process sends to it. The address Sentinel gives is mapped to the
 * member's direct client address ({@code resolve}), since in a benchmark cluster Sentinel sees
 * members through the fault-injecting proxies while clients connect directly.
 */
public final class SentinelRouter implements Router {
  private final List<HostAndPort> sentinels;
  private final String masterName;
  private final Function<HostAndPort, Endpoint> resolve;
  private final long pollMs;
  private final Thread watcher;
  private volatile Endpoint master;
  private volatile boolean closed;

  public SentinelRouter(List<HostAndPort> sentinels, String masterName, Function<HostAndPort, Endpoint> resolve,
      long pollMs) {
    this.sentinels = List.copyOf(sentinels);
    this.masterName = masterName;
    this.resolve = resolve;
    this.pollMs = pollMs;
    refresh();
    watcher = new Thread(this::watch, "sentinel-router");
    watcher.setDaemon(true);
    watcher.start();
  }

  @Override
  public Endpoint endpoint(int process) {
    return master;
  }

  @Override
  public void failed(int process, Endpoint endpoint) {
    // The watcher notices a failover on its own; a failed command changes nothing here.
  }

  private void watch() {
    while (!closed) {
      try {
        Thread.sleep(pollMs);
      } catch (InterruptedException e) {
        return;
      }
      refresh();
    }
  }

  private void refresh() {
    for (HostAndPort s : sentinels) {
      HostAndPort m = Probe.sentinelMaster(s.getHost(), s.getPort(), masterName, 500);
      if (m != null) {
        Endpoint e = resolve.apply(m);
        if (e != null) {
          master = e;
        }
        return;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    watcher.interrupt();
  }
}
