package io.kvstore.bench.cluster;

import io.kvstore.bench.client.Endpoint;
import io.kvstore.bench.client.Router;
import io.kvstore.bench.client.SentinelRouter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import redis.clients.jedis.HostAndPort;

/**
 * A deployment the benchmark did not start, reached through its Sentinels: the workload runs
 * against whatever master they announce, with no faults injected (the benchmark controls no
 * process or link there). Useful to measure a real Redis or kvstore deployment the same way.
 */
public final class ExternalCluster implements Cluster {
  private final List<HostAndPort> sentinels;
  private final String masterName;

  public ExternalCluster(List<HostAndPort> sentinels, String masterName) {
    if (sentinels.isEmpty()) {
      throw new IllegalArgumentException("an external target needs at least one sentinel address");
    }
    this.sentinels = List.copyOf(sentinels);
    this.masterName = masterName;
  }

  @Override
  public String describe() {
    return "external: master '" + masterName + "' of sentinels " + sentinels;
  }

  @Override
  public void start() {
    if (primary() == null) {
      throw new IllegalStateException("no sentinel of " + sentinels + " names a master '" + masterName + "'");
    }
  }

  @Override
  public List<String> nodes() {
    String p = primary();
    return p == null ? List.of() : List.of(p);
  }

  @Override
  public String primary() {
    for (HostAndPort s : sentinels) {
      HostAndPort m = Probe.sentinelMaster(s.getHost(), s.getPort(), masterName, 1000);
      if (m != null) {
        return m.toString();
      }
    }
    return null;
  }

  @Override
  public Router router() {
    return new SentinelRouter(sentinels, masterName, hp -> new Endpoint(hp.toString(), hp.getHost(), hp.getPort()), 100);
  }

  @Override
  public boolean supportsFaults() {
    return false;
  }

  @Override
  public void kill(String node) {
    throw new UnsupportedOperationException("no faults on an external target");
  }

  @Override
  public void restart(String node) {
    throw new UnsupportedOperationException("no faults on an external target");
  }

  @Override
  public void pause(String node) {
    throw new UnsupportedOperationException("no faults on an external target");
  }

  @Override
  public void resume(String node) {
    throw new UnsupportedOperationException("no faults on an external target");
  }

  @Override
  public void isolate(String node) {
    throw new UnsupportedOperationException("no faults on an external target");
  }

  @Override
  public void heal() {
  }

  @Override
  public String awaitHealthy(Duration timeout) {
    return primary() == null ? "no master announced" : null;
  }

  @Override
  public List<Path> logs() {
    return List.of();
  }

  @Override
  public void close() {
  }
}
