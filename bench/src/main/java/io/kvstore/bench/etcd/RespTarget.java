package io.kvstore.bench.etcd;

import java.net.InetSocketAddress;
import redis.clients.jedis.Jedis;

/**
 * kvstore (or any Redis-protocol server) over RESP: each session is one Jedis connection to the
 * node its client index picks, sending unpipelined SET and GET. On a kvstore raft node a SET is
 * answered once the entry is committed, and a GET is linearizable unless the node was started
 * with another read mode.
 */
public final class RespTarget implements Target {
  private final Endpoints endpoints;
  private final int timeoutMs;

  public RespTarget(Endpoints endpoints, int timeoutMs) {
    this.endpoints = endpoints;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public String name() {
    return "kvstore";
  }

  @Override
  public Session open(int index) {
    InetSocketAddress node = endpoints.forClient(index);
    Jedis jedis = new Jedis(node.getHostString(), node.getPort(), timeoutMs);
    return new Session() {
      @Override
      public void put(byte[] key, byte[] value) {
        jedis.set(key, value);
      }

      @Override
      public byte[] get(byte[] key) {
        return jedis.get(key);
      }

      @Override
      public void close() {
        jedis.close();
      }
    };
  }
}
