package io.kvstore.sentinel;

import io.kvstore.core.sentinel.Resolver;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** IP literals as they are; with resolve-hostnames, names through the system resolver. */
final class DnsResolver implements Resolver {
  @Override
  public String resolve(String host, boolean allowHostnames) {
    String literal = Resolver.literal(host);
    if (literal != null || !allowHostnames) return literal;
    try {
      return InetAddress.getByName(host).getHostAddress();
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }
}
