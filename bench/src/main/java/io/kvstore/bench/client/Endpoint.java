package io.kvstore.bench.client;

/** Where a client connects: a member's direct client address, named by its member id. */
public record Endpoint(String node, String host, int port) {
  @Override
  public String toString() {
    return node + "@" + host + ":" + port;
  }
}
