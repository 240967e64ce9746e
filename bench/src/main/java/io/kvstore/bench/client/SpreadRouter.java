package io.kvstore.bench.client;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Spreads processes over every node (process p starts on node p mod n) and moves a process to
 * the next node after a failure, as a client of a raft cluster configured with all node
 * addresses does. Any node serves reads and writes (followers forward writes to the leader).
 */
public final class SpreadRouter implements Router {
  private final List<Endpoint> nodes;
  private final ConcurrentMap<Integer, Integer> shift = new ConcurrentHashMap<>();

  public SpreadRouter(List<Endpoint> nodes) {
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("no nodes");
    }
    this.nodes = List.copyOf(nodes);
  }

  @Override
  public Endpoint endpoint(int process) {
    int s = shift.getOrDefault(process, 0);
    return nodes.get(Math.floorMod(process + s, nodes.size()));
  }

  @Override
  public void failed(int process, Endpoint endpoint) {
    if (endpoint.equals(endpoint(process))) {
      shift.merge(process, 1, Integer::sum);
    }
  }
}
