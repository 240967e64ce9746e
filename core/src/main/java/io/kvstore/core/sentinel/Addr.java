package io.kvstore.core.sentinel;

/**
 * An instance address as Sentinel keeps it: the name it was given (an IP or, with
 * {@code resolve-hostnames}, a hostname), the IP it resolved to (empty when a hostname could not
 * be resolved yet) and the port.
 */
public record Addr(String hostname, String ip, int port) {

  /** Same instance: same port and the same IP, or the same hostname (case-insensitive). */
  public boolean sameAs(Addr o) {
    return port == o.port && (ip.equals(o.ip) || hostname.equalsIgnoreCase(o.hostname));
  }

  /** The address other parties are told: the hostname with announce-hostnames, else the IP. */
  public String announce(boolean announceHostnames) {
    return announceHostnames ? hostname : ip;
  }

  /** {@code host:port}, IPv6 addresses in brackets (the key replicas are stored under). */
  public String announceWithPort(boolean announceHostnames) {
    String a = announce(announceHostnames);
    return a.indexOf(':') >= 0 ? "[" + a + "]:" + port : a + ":" + port;
  }
}
