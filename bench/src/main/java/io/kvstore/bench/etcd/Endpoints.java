package io.kvstore.bench.etcd;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The nodes of a cluster as {@code host:port} pairs. Client {@code i} talks to node
 * {@code i mod n} for the whole run (round-robin by client), the same rule for both systems.
 */
public record Endpoints(List<InetSocketAddress> nodes) {
  public Endpoints {
    if (nodes.isEmpty()) throw new IllegalArgumentException("no endpoints");
    nodes = List.copyOf(nodes);
  }

  /** Parses {@code host:port,host:port,...}. */
  public static Endpoints parse(String list) {
    List<InetSocketAddress> out = new ArrayList<>();
    for (String part : list.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) continue;
      int colon = p.lastIndexOf(':');
      if (colon <= 0 || colon == p.length() - 1) {
        throw new IllegalArgumentException("endpoint is not host:port: " + p);
      }
      int port = Integer.parseInt(p.substring(colon + 1));
      if (port < 1 || port > 65535) throw new IllegalArgumentException("bad port in " + p);
      out.add(InetSocketAddress.createUnresolved(p.substring(0, colon), port));
    }
    return new Endpoints(out);
  }

  /** The node client {@code index} uses. */
  public InetSocketAddress forClient(int index) {
    return nodes.get(Math.floorMod(index, nodes.size()));
  }
}
