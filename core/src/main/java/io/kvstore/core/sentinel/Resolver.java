package io.kvstore.core.sentinel;

/**
 * Turns an instance's host into an IP. Without {@code resolve-hostnames} Sentinel accepts IP
 * literals only; with it, names are looked up (the process implements that with DNS).
 */
@FunctionalInterface
public interface Resolver {
  /** The IP for {@code host}, or null when it cannot be resolved (or is not an IP literal and names are not allowed). */
  String resolve(String host, boolean allowHostnames);

  /** IP literals only, never a lookup. */
  Resolver LITERALS = (host, allowHostnames) -> literal(host);

  /** {@code host} normalised if it is an IPv4 dotted quad or an IPv6 literal; otherwise null. */
  static String literal(String host) {
    if (host == null || host.isEmpty()) return null;
    if (host.indexOf(':') >= 0) return ipv6(host);
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4) return null;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) return null;
      for (int i = 0; i < p.length(); i++) {
        if (p.charAt(i) < '0' || p.charAt(i) > '9') return null;
      }
      if (Integer.parseInt(p) > 255) return null;
    }
    return host;
  }

  private static String ipv6(String host) {
    int groups = 0;
    int doubleColons = 0;
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex && c != ':' && c != '.') return null;
      if (c == ':' && i + 1 < host.length() && host.charAt(i + 1) == ':') doubleColons++;
      if (c == ':') groups++;
    }
    if (doubleColons > 1 || groups < 2 || groups > 7) return null;
    return host.toLowerCase(java.util.Locale.ROOT);
  }
}
