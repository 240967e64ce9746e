package io.kvstore.bench.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.util.SafeEncoder;

/**
 * Short-lived RESP questions to cluster members (PING, INFO, SENTINEL ...), each on its own
 * connection with short timeouts so that a paused or isolated member costs a bounded wait.
 * Failures return null rather than throwing: the caller is polling.
 */
public final class Probe {
  private Probe() {
  }

  public static Jedis connect(String host, int port, int timeoutMs) {
    return new Jedis(new HostAndPort(host, port), DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(timeoutMs).socketTimeoutMillis(timeoutMs)
        .clientSetInfoConfig(ClientSetInfoConfig.DISABLED).build());
  }

  public static boolean ping(int port, int timeoutMs) {
    try (Jedis j = connect("127.0.0.1", port, timeoutMs)) {
      return "PONG".equals(j.ping());
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** INFO {@code section} parsed into fields, or null when the member does not answer. */
  public static Map<String, String> info(int port, String section, int timeoutMs) {
    try (Jedis j = connect("127.0.0.1", port, timeoutMs)) {
      return parseInfo(j.info(section));
    } catch (RuntimeException e) {
      return null;
    }
  }

  public static Map<String, String> parseInfo(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : text.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (line.isEmpty() || line.startsWith("#") || colon < 0) {
        continue;
      }
      out.put(line.substring(0, colon), line.substring(colon + 1).trim());
    }
    return out;
  }

  /** SENTINEL GET-MASTER-ADDR-BY-NAME as host:port, or null. */
  public static HostAndPort sentinelMaster(String host, int port, String name, int timeoutMs) {
    try (Jedis j = connect(host, port, timeoutMs)) {
      List<String> a = j.sentinelGetMasterAddrByName(name);
      return a == null || a.size() < 2 ? null : new HostAndPort(a.get(0), Integer.parseInt(a.get(1)));
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** SENTINEL MASTER name as a field map, or null. */
  public static Map<String, String> sentinelMasterState(int port, String name, int timeoutMs) {
    try (Jedis j = connect("127.0.0.1", port, timeoutMs)) {
      Object r = j.sendCommand(Protocol.Command.SENTINEL, "MASTER", name);
      return pairs(r);
    } catch (RuntimeException e) {
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> pairs(Object reply) {
    Map<String, String> out = new LinkedHashMap<>();
    if (reply instanceof List<?> l) {
      for (int i = 0; i + 1 < l.size(); i += 2) {
        out.put(text(l.get(i)), text(l.get(i + 1)));
      }
    }
    return out;
  }

  private static String text(Object o) {
    return o instanceof byte[] b ? SafeEncoder.encode(b) : String.valueOf(o);
  }

  /** Sleeps, keeping the interrupt. */
  public static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
